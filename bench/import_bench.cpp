// Times the GDELT/ICEWS event-file reader (io::read_event_file) on one file: the whole load into
// GraphData (mmap, split, validate, intern actors, build and sort the events), and the same
// result's destruction separately, since a CLI run pays both. Input: a GDELT 1.0/2.0 or ICEWS
// file, e.g. one made by ../shared/bench/gen_gdelt_like.py --format gdelt61.
//
//   import_bench --input gdelt61_1m.CSV [--benchmark_repetitions=3]
//
// Counters: rows (data rows seen), rows_per_second (of CPU time), actors, events. Peak memory:
// run under /usr/bin/time -v (docs/PERFORMANCE.md "Importers").
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "diplograph/io/event_files.hpp"

namespace {

std::string g_input;

void load(benchmark::State& state) {
  std::size_t rows = 0;
  std::size_t actors = 0;
  std::size_t events = 0;
  for (auto _ : state) {
    auto result = diplograph::io::read_event_file(g_input);
    if (!result) {
      state.SkipWithError(result.error().to_string().c_str());
      return;
    }
    rows = result->rows;
    actors = result->graph.actors.size();
    events = result->graph.events.size();
    state.PauseTiming();
    { auto drop = std::move(*result); }
    state.ResumeTiming();
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["actors"] = static_cast<double>(actors);
  state.counters["events"] = static_cast<double>(events);
  state.counters["rows_per_second"] = benchmark::Counter(
      static_cast<double>(rows) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void load_and_free(benchmark::State& state) {
  for (auto _ : state) {
    auto result = diplograph::io::read_event_file(g_input);
    if (!result) {
      state.SkipWithError(result.error().to_string().c_str());
      return;
    }
    benchmark::DoNotOptimize(result->graph.events.data());
  }
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--input") == 0) g_input = argv[i + 1];
  if (g_input.empty()) {
    std::fputs("usage: import_bench --input EVENTS_FILE [benchmark flags]\n", stderr);
    return 2;
  }
  benchmark::RegisterBenchmark("read_event_file", load)->Unit(benchmark::kMillisecond)->Iterations(1);
  benchmark::RegisterBenchmark("read_event_file+free", load_and_free)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
