// Runs work on several threads and hands the results on in the order the work was given, so a
// command's output is the same bytes whatever the number of threads (`extract -j`, `build -j`).
//
//   OrderedPool<Document, std::string> pool(jobs,
//       [&](Document&& d) { return render(extractor.extract(std::move(d))); },   // any thread
//       [&](std::string&& text) { std::fwrite(text.data(), 1, text.size(), stdout); });  // in order
//   read_documents(..., [&](Document&& d) { pool.submit(std::move(d)); }, ...);
//   pool.finish();
//
// `work` runs on the pool's threads and must be thread-safe; `done` is called one at a time, in
// submission order, from whichever thread finished the next result. submit() blocks while too
// many items are in flight, so memory stays bounded however long the input is. With one job
// everything runs on the caller's thread, in submit(), as a plain loop would.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace diplograph::cli {

template <class In, class Out>
class OrderedPool {
 public:
  OrderedPool(unsigned jobs, std::function<Out(In&&)> work, std::function<void(Out&&)> done)
      : m_work(std::move(work)), m_done(std::move(done)), m_limit(4 * std::size_t{jobs} + 4) {
    if (jobs <= 1) return;
    for (unsigned i = 0; i < jobs; ++i) m_threads.emplace_back([this] { run(); });
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;
  ~OrderedPool() { stop(); }  // (an error not collected by finish() is dropped: no throwing here)

  void submit(In&& item) {
    if (m_threads.empty()) {
      m_done(m_work(std::move(item)));
      return;
    }
    std::unique_lock lock(m_mutex);
    m_room.wait(lock, [&] { return m_submitted - m_delivered < m_limit; });
    m_queue.emplace_back(m_submitted++, std::move(item));
    m_ready.notify_one();
  }

  // Waits until every submitted item is done, and stops the threads. Rethrows the first
  // exception a `work` or `done` threw.
  void finish() {
    stop();
    if (m_error) std::rethrow_exception(std::exchange(m_error, nullptr));
  }

 private:
  void stop() {
    if (m_threads.empty()) return;
    {
      std::lock_guard lock(m_mutex);
      m_closing = true;
    }
    m_ready.notify_all();
    for (auto& t : m_threads) t.join();
    m_threads.clear();
  }

  void run() {
    while (true) {
      std::pair<std::size_t, In> item;
      {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [&] { return !m_queue.empty() || m_closing; });
        if (m_queue.empty()) return;
        item = std::move(m_queue.front());
        m_queue.pop_front();
      }
      Out out{};
      try {
        out = m_work(std::move(item.second));
      } catch (...) {
        std::lock_guard lock(m_mutex);
        if (!m_error) m_error = std::current_exception();
      }
      std::lock_guard lock(m_mutex);
      m_finished.emplace(item.first, std::move(out));
      // hand on every result that is next in order
      while (!m_finished.empty() && m_finished.begin()->first == m_delivered) {
        try {
          m_done(std::move(m_finished.begin()->second));
        } catch (...) {
          if (!m_error) m_error = std::current_exception();
        }
        m_finished.erase(m_finished.begin());
        ++m_delivered;
      }
      m_room.notify_all();
    }
  }

  std::function<Out(In&&)> m_work;
  std::function<void(Out&&)> m_done;
  std::size_t m_limit;  // items submitted but not yet delivered
  std::vector<std::thread> m_threads;
  std::mutex m_mutex;
  std::condition_variable m_ready;  // work to do, or closing
  std::condition_variable m_room;   // an item was delivered
  std::deque<std::pair<std::size_t, In>> m_queue;
  std::map<std::size_t, Out> m_finished;  // done, waiting for an earlier one
  std::size_t m_submitted = 0;
  std::size_t m_delivered = 0;
  bool m_closing = false;
  std::exception_ptr m_error;
};

}  // namespace diplograph::cli
