// DOT files are checked by Graphviz's own parser (cgraph agmemread): if it parses here, `dot`
// and every cgraph-based tool read it the same way.
#include <graphviz/cgraph.h>

#include <mutex>
#include <string>

#include <fmt/format.h>

#include "validate_parts.hpp"

namespace diplograph::io::detail {

namespace {

// cgraph is not thread-safe and reports errors through one global callback: one lock for both.
std::mutex& cgraph_lock() {
  static std::mutex lock;
  return lock;
}

std::string* g_messages = nullptr;  // guarded by cgraph_lock()

int collect_error(char* message) {
  if (g_messages) g_messages->append(message);
  return 0;
}

}  // namespace

void validate_dot(std::string_view text, std::string_view file, Validation& out) {
  const std::string buffer(text);  // agmemread needs a NUL-terminated string
  if (buffer.find('\0') != std::string::npos) {
    out.problems.push_back(Error{std::string(file), 0, buffer.find('\0') + 1, "a NUL byte: not a DOT text"});
    return;
  }
  std::string messages;
  std::lock_guard guard(cgraph_lock());
  g_messages = &messages;
  const agusererrf previous = agseterrf(collect_error);
  const agerrlevel_t level = agseterr(AGERR);
  // cgraph's lexer keeps state between reads, and its line count is one short on the first
  // read of a process (or after a text without a final newline). Reading a tiny graph that ends
  // in a newline first, then restarting the count, gives the right line every time (tested).
  agreadline(0);
  if (Agraph_t* warm = agmemread("graph{}\n")) agclose(warm);
  messages.clear();
  agreadline(0);
  Agraph_t* graph = agmemread(buffer.c_str());
  agseterr(level);
  agseterrf(previous);
  g_messages = nullptr;

  if (graph) {
    out.nodes = static_cast<std::size_t>(agnnodes(graph));
    out.edges = static_cast<std::size_t>(agnedges(graph));
    agclose(graph);
  }
  if (!graph || !messages.empty()) {
    // "Error: syntax error in line 3 near '->'" -> line 3 and the rest as the message.
    std::size_t line = 0;
    for (std::size_t at = messages.find("line "); at != std::string::npos && line == 0;
         at = messages.find("line ", at + 1))
      for (std::size_t i = at + 5; i < messages.size() && messages[i] >= '0' && messages[i] <= '9'; ++i)
        line = line * 10 + static_cast<std::size_t>(messages[i] - '0');
    std::string message = messages.empty() ? std::string("Graphviz could not parse the file")
                                           : messages;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    for (char& c : message)
      if (c == '\n') c = ' ';
    if (message.starts_with("Error: ")) message.erase(0, 7);
    out.problems.push_back(Error{std::string(file), line, 0, fmt::format("DOT: {}", message)});
  }
  if (graph == nullptr && out.problems.empty())
    out.problems.push_back(Error{std::string(file), 0, 0, "DOT: no graph in the file"});
}

}  // namespace diplograph::io::detail
