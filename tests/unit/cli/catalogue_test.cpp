// The catalogue of bad input (issue 7), one test each, through the built CLI (DIPLOGRAPH_CLI):
// what an analyst's scraper can hand diplograph. For each: a message naming the file and the
// place, exit code 1, every good document or row still processed, and no partial or temporary
// output file left behind. Small fixtures are in tests/data/catalogue/; big inputs (a 100 MB
// line, a 100,000-token sentence, a dense graph) are generated at test time in testing::TempDir().
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct CliResult {
  int status = -1;
  std::string out;
  std::string err;
  double seconds = 0.0;
};

// Runs `diplograph ARGS` through the shell; stderr is captured to a temporary file.
CliResult run(const std::string& args) {
  // One file per process: ctest runs the tests of this executable in parallel processes.
  const std::string err_path =
      testing::TempDir() + "/catalogue_stderr_" + std::to_string(::getpid()) + ".txt";
  const std::string command = std::string(DIPLOGRAPH_CLI) + " " + args + " 2>" + err_path;
  CliResult result;
  const auto start = std::chrono::steady_clock::now();
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (FILE* err = std::fopen(err_path.c_str(), "r")) {
    while ((n = std::fread(buffer.data(), 1, buffer.size(), err)) > 0) result.err.append(buffer.data(), n);
    std::fclose(err);
  }
  std::remove(err_path.c_str());
  return result;
}

std::string data(const std::string& name) {
  return std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/catalogue/" + name;
}

// A fresh, empty directory for one test's outputs.
std::string scratch(const std::string& name) {
  const fs::path dir = fs::path(testing::TempDir()) / ("catalogue-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

constexpr const char* kJapanDoc = "\"type\":\"document\",\"id\":\"brief-01062024-090000\"";
constexpr const char* kKenyaDoc = "\"type\":\"document\",\"id\":\"brief-02062024-090000\"";

TEST(Catalogue, BinaryFileIsReportedAndTheGoodFileStillCoded) {
  const CliResult r = run("extract " + data("binary.bin") + " " + data("good-japan.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "binary.bin: byte ")) << r.err;
  EXPECT_TRUE(has(r.err, "binary")) << r.err;
  EXPECT_EQ(count(r.out, "\"type\":\"document\""), 1u) << r.out;
  EXPECT_TRUE(has(r.out, kJapanDoc)) << r.out;
  EXPECT_TRUE(has(r.out, "\"type\":\"event\"")) << r.out;
}

TEST(Catalogue, InvalidUtf8IsReportedByByteOffset) {
  const CliResult r = run("extract " + data("bad-utf8.txt") + " " + data("good-kenya.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "bad-utf8.txt: byte 20")) << r.err;  // the 0xC3 0x28 after line 1
  EXPECT_EQ(count(r.out, "\"type\":\"document\""), 1u) << r.out;
  EXPECT_TRUE(has(r.out, kKenyaDoc)) << r.out;
}

TEST(Catalogue, Utf16WithByteOrderMarkSaysHowToConvert) {
  const CliResult r = run("extract " + data("utf16-bom.txt") + " " + data("good-japan.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "utf16-bom.txt: UTF-16")) << r.err;
  EXPECT_TRUE(has(r.err, "iconv")) << r.err;
  EXPECT_EQ(count(r.out, "\"type\":\"document\""), 1u) << r.out;
  EXPECT_TRUE(has(r.out, kJapanDoc)) << r.out;
}

TEST(Catalogue, EmptyFileIsReported) {
  const CliResult r = run("extract " + data("empty.txt") + " " + data("good-japan.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "empty.txt: empty file")) << r.err;
  EXPECT_EQ(count(r.out, "\"type\":\"document\""), 1u) << r.out;
}

// A 100 MB file of one line (a scraper that lost its newlines): refused by --max-doc-bytes
// (default 16 MiB) without reading it into memory several times over, in well under a second
// in a release build; the good file next to it is still coded.
TEST(Catalogue, HundredMegabyteSingleLineIsRefusedQuicklyWithBoundedMemory) {
  const std::string dir = scratch("big-line");
  const std::string big = dir + "/one-line.txt";
  {
    std::FILE* f = std::fopen(big.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    const std::string chunk = [] {
      std::string s;
      while (s.size() < (1u << 20)) s += "Japan criticised China over the islands and ";
      s.resize(1u << 20);
      return s;
    }();
    for (int i = 0; i < 100; ++i) ASSERT_EQ(std::fwrite(chunk.data(), 1, chunk.size(), f), chunk.size());
    std::fclose(f);
  }
  ASSERT_EQ(fs::file_size(big), std::uintmax_t{100} << 20);

  const CliResult r = run("extract " + big + " " + data("good-japan.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "one-line.txt: document is 104857600 bytes")) << r.err;
  EXPECT_TRUE(has(r.err, "--max-doc-bytes")) << r.err;
  EXPECT_TRUE(has(r.out, kJapanDoc)) << r.out;
  EXPECT_LT(r.seconds, 30.0);  // ~0.05 s in a release build; generous for ASan
  // The largest child so far (this test's processes): bounded, not a multiple of the input.
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  EXPECT_LT(usage.ru_maxrss, 600L * 1024) << "max RSS of the CLI in KiB";

  // A smaller limit applies the same way, in extract and in build.
  const CliResult small = run("extract --max-doc-bytes 1000 " + big);
  EXPECT_EQ(small.status, 1);
  EXPECT_TRUE(has(small.err, "more than the limit of 1000")) << small.err;
  const CliResult small_build =
      run("build -q --max-doc-bytes 60 " + data("good-japan.txt") + " " + data("good-kenya.txt") +
          " -o " + dir + "/small.json");
  EXPECT_EQ(small_build.status, 1);
  EXPECT_TRUE(has(small_build.err, "good-japan.txt: document is 81 bytes, more than the limit of 60"))
      << small_build.err;
  EXPECT_TRUE(has(slurp(dir + "/small.json"), "\"state/KEN\"")) << "the small document is built";
  fs::remove(dir + "/small.json");
  const CliResult b = run("build -q " + big + " " + data("good-japan.txt") + " -o " + dir + "/g.json");
  EXPECT_EQ(b.status, 1);
  EXPECT_TRUE(has(b.err, "one-line.txt: document is 104857600 bytes")) << b.err;
  EXPECT_TRUE(has(slurp(dir + "/g.json"), "\"state/JPN\"")) << "the good file is built";
  fs::remove(big);

  // The same line in JSON Lines: that line is refused by number, the next one is coded.
  const std::string jsonl = dir + "/feed.jsonl";
  {
    std::FILE* f = std::fopen(jsonl.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    const std::string head = "{\"id\":\"huge\",\"text\":\"";
    std::fwrite(head.data(), 1, head.size(), f);
    const std::string chunk(1u << 20, 'a');
    for (int i = 0; i < 100; ++i) ASSERT_EQ(std::fwrite(chunk.data(), 1, chunk.size(), f), chunk.size());
    const std::string tail = "\"}\n{\"id\":\"small\",\"text\":\"Kenya hosted Uganda.\"}\n";
    std::fwrite(tail.data(), 1, tail.size(), f);
    std::fclose(f);
  }
  const CliResult j = run("extract " + jsonl);
  EXPECT_EQ(j.status, 1);
  EXPECT_TRUE(has(j.err, "feed.jsonl:1: line is")) << j.err;
  EXPECT_TRUE(has(j.err, "--max-doc-bytes")) << j.err;
  EXPECT_TRUE(has(j.out, "\"type\":\"document\",\"id\":\"small\"")) << j.out;
  EXPECT_LT(j.seconds, 30.0);
  fs::remove(jsonl);
}

TEST(Catalogue, DirectoryWithOneBadFileAmongGoodOnes) {
  const CliResult r = run("extract " + data("mixed-dir"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "mixed-dir/b-bad.txt: byte ")) << r.err;
  EXPECT_EQ(count(r.err, "diplograph: "), 1u) << r.err;
  EXPECT_TRUE(has(r.out, kJapanDoc)) << r.out;
  EXPECT_TRUE(has(r.out, kKenyaDoc)) << r.out;

  const std::string dir = scratch("mixed-dir");
  const CliResult b = run("build -q " + data("mixed-dir") + " -o " + dir + "/g.json");
  EXPECT_EQ(b.status, 1);
  EXPECT_TRUE(has(b.err, "b-bad.txt")) << b.err;
  const std::string graph = slurp(dir + "/g.json");
  EXPECT_TRUE(has(graph, "\"state/JPN\"") && has(graph, "\"state/KEN\"")) << graph;
  EXPECT_EQ(entries(dir), std::vector<std::string>{"g.json"});
}

TEST(Catalogue, BrokenJsonLineAmongGoodOnes) {
  const CliResult r = run("extract " + data("broken.jsonl"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "broken.jsonl:2:")) << r.err;
  EXPECT_TRUE(has(r.out, "\"id\":\"j1\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"id\":\"j3\"")) << r.out;
  EXPECT_FALSE(has(r.out, "\"id\":\"j2\"")) << r.out;

  // Event records (the output of extract) with a broken line, into build.
  const std::string dir = scratch("broken-records");
  const CliResult b = run("build -q " + data("broken-records.jsonl") + " -o " + dir + "/g.json");
  EXPECT_EQ(b.status, 1);
  EXPECT_TRUE(has(b.err, "broken-records.jsonl:2: not JSON")) << b.err;
  const std::string graph = slurp(dir + "/g.json");
  EXPECT_EQ(count(graph, "\"type\":\"event\""), 2u) << graph;
  EXPECT_TRUE(has(graph, "\"state/KEN\"")) << "the line after the bad one is read";
}

TEST(Catalogue, TruncatedGraphmlIsInvalidWithItsLine) {
  const CliResult r = run("validate " + data("truncated.graphml"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "truncated.graphml:8:")) << r.err;
  EXPECT_TRUE(has(r.err, "truncated")) << r.err;
  EXPECT_TRUE(has(r.out, "INVALID graphml")) << r.out;
}

// A "billion laughs" file: the declarations are refused, never expanded (it would be 10^9 x 3
// bytes), so the run is instant and small.
TEST(Catalogue, GraphmlEntityBombIsRefusedNotExpanded) {
  const CliResult r = run("validate " + data("entity-bomb.graphml") + " " + data("truncated.graphml"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "entity-bomb.graphml:3: entity declaration")) << r.err;
  EXPECT_TRUE(has(r.err, "refused")) << r.err;
  EXPECT_TRUE(has(r.out, "entity-bomb.graphml: INVALID graphml")) << r.out;
  EXPECT_TRUE(has(r.out, "truncated.graphml: INVALID graphml")) << "the next file is still checked";
  EXPECT_LT(r.seconds, 10.0);
}

TEST(Catalogue, GdeltRowsWithTheWrongNumberOfColumns) {
  const std::string dir = scratch("gdelt");
  const CliResult r = run("build -q --dedup none " + data("gdelt-columns.tsv") + " -o " + dir + "/g.json");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "gdelt-columns.tsv:3: expected 57 or 58")) << r.err;
  EXPECT_TRUE(has(r.err, "found 60")) << r.err;
  EXPECT_TRUE(has(r.err, "gdelt-columns.tsv:5: expected 57 or 58")) << r.err;
  const std::string graph = slurp(dir + "/g.json");
  EXPECT_EQ(count(graph, "\"type\":\"event\""), 3u) << graph;
  for (const char* id : {"state/JPN", "state/KEN", "state/GHA"}) EXPECT_TRUE(has(graph, id)) << id;
  EXPECT_FALSE(has(graph, "CHL")) << "the row with extra columns is skipped, not half read";
  EXPECT_EQ(entries(dir), std::vector<std::string>{"g.json"});
}

// docs/CLI.md, query: a name that matches nothing gets "did you mean" suggestions, exit code 1.
TEST(Catalogue, UnknownActorInAQueryGetsDidYouMean) {
  const std::string dir = scratch("query");
  ASSERT_EQ(run("build -q " + data("good-japan.txt") + " -o " + dir + "/g.json").status, 0);
  const CliResult r = run("query " + dir + "/g.json path Japn Australia");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "no actor named \"Japn\"; did you mean")) << r.err;
  EXPECT_TRUE(has(r.err, "Japan (state/JPN)")) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  const CliResult n = run("query " + dir + "/g.json neighbors Xyzzy");
  EXPECT_EQ(n.status, 1);
  EXPECT_TRUE(has(n.err, "no actor named \"Xyzzy\"")) << n.err;
}

// A graph written by a newer diplograph: refused by name, and `build --into` leaves it as it was.
TEST(Catalogue, GraphFileFromANewerFormatVersion) {
  const CliResult q = run("query " + data("newer-version.json") + " stats");
  EXPECT_EQ(q.status, 1);
  EXPECT_TRUE(has(q.err, "newer-version.json: graph format version 99 is newer")) << q.err;

  const std::string dir = scratch("newer");
  fs::copy_file(data("newer-version.json"), dir + "/graph.json");
  const CliResult b = run("build -q " + data("good-kenya.txt") + " --into " + dir + "/graph.json");
  EXPECT_EQ(b.status, 1);
  EXPECT_TRUE(has(b.err, "graph.json: graph format version 99 is newer")) << b.err;
  EXPECT_EQ(slurp(dir + "/graph.json"), slurp(data("newer-version.json")));
  EXPECT_EQ(entries(dir), std::vector<std::string>{"graph.json"});

  const CliResult e = run("export " + data("newer-version.json") + " --format graphml -o " + dir + "/x.graphml");
  EXPECT_EQ(e.status, 1);
  EXPECT_TRUE(has(e.err, "newer-version.json")) << e.err;
  EXPECT_EQ(entries(dir), std::vector<std::string>{"graph.json"});
}

// Under a regular file (ENOTDIR: unwritable even for root) and in a missing directory.
TEST(Catalogue, UnwritableOutputPath) {
  const std::string dir = scratch("unwritable");
  { std::ofstream(dir + "/plain-file") << "x"; }
  const std::string bad = dir + "/plain-file/graph.json";
  const CliResult b = run("build -q " + data("good-japan.txt") + " -o " + bad);
  EXPECT_EQ(b.status, 1);
  EXPECT_TRUE(has(b.err, bad + ": cannot create")) << b.err;
  EXPECT_TRUE(has(b.err, "Not a directory")) << b.err;

  ASSERT_EQ(run("build -q " + data("good-japan.txt") + " -o " + dir + "/g.json").status, 0);
  for (const char* format : {"graphml", "gexf", "json", "dot", "events"}) {
    const std::string target = dir + "/missing/out." + format;
    const CliResult e = run("export " + dir + "/g.json --format " + format + " -o " + target);
    EXPECT_EQ(e.status, 1) << format;
    EXPECT_TRUE(has(e.err, target)) << format << ": " << e.err;
  }
  EXPECT_EQ(entries(dir), (std::vector<std::string>{"g.json", "plain-file"}));
}

bool is_char_device(const char* path) {
  struct stat st {};
  return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

std::vector<std::string> temporaries_in_dev() {
  std::vector<std::string> out;
  for (const auto& name : entries("/dev"))
    if (name.rfind("full.tmp", 0) == 0) out.push_back(name);
  return out;
}

// A full disk: /dev/full fails every write with ENOSPC. The writers write a device in place
// (renaming a temporary file over it would replace /dev/full itself, as root), so the write
// fails, exit 1, and no temporary file is left in /dev.
TEST(Catalogue, FullDiskIsAClearErrorAndLeavesNothingBehind) {
  if (!is_char_device("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  const std::string dir = scratch("full");
  ASSERT_EQ(run("build -q " + data("good-japan.txt") + " -o " + dir + "/g.json").status, 0);

  const CliResult b = run("build -q " + data("good-japan.txt") + " -o /dev/full");
  EXPECT_EQ(b.status, 1);
  EXPECT_TRUE(has(b.err, "/dev/full: cannot write the file: No space left on device")) << b.err;
  EXPECT_TRUE(is_char_device("/dev/full")) << "/dev/full was replaced by a regular file";

  for (const char* format : {"graphml", "gexf", "json", "dot", "events", "cytoscape"}) {
    const CliResult e = run("export " + dir + "/g.json --format " + format + " -o /dev/full");
    EXPECT_EQ(e.status, 1) << format;
    EXPECT_TRUE(has(e.err, "/dev/full")) << format << ": " << e.err;
    EXPECT_TRUE(has(e.err, "No space left on device")) << format << ": " << e.err;
    EXPECT_TRUE(is_char_device("/dev/full")) << format;
  }
  EXPECT_TRUE(temporaries_in_dev().empty());
  EXPECT_EQ(entries(dir), std::vector<std::string>{"g.json"});
  // A device that accepts the bytes is written in place too.
  EXPECT_EQ(run("build -q " + data("good-japan.txt") + " -o /dev/null").status, 0);
  EXPECT_TRUE(is_char_device("/dev/null"));
}

// Limits. A sentence of 100,000 tokens is cut into pieces of text::kMaxSentenceTokens (1,000)
// tokens by the splitter, so the extractor's per-sentence work stays bounded: it is coded in
// seconds, not hours.
TEST(Catalogue, HundredThousandTokenSentenceIsChunkedAndFast) {
  const std::string dir = scratch("long-sentence");
  {
    std::ofstream f(dir + "/long.txt");
    f << "long-sentence\n\n";
    for (int i = 0; i < 12500; ++i) f << "Japan criticised China over the islands and ";  // 8 tokens
    f << "nothing else.\n";
  }
  const CliResult r = run("extract " + dir + "/long.txt");
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string key = "\"id\":\"long-sentence\",\"sentences\":";
  const auto at = r.out.find(key);
  ASSERT_NE(at, std::string::npos) << r.out.substr(0, 200);
  const long sentences = std::stol(r.out.substr(at + key.size(), 8));
  EXPECT_GE(sentences, 50) << "cut into pieces of at most about 1,000 tokens";
  EXPECT_LE(sentences, 200);
  EXPECT_TRUE(has(r.out, "\"type\":\"event\"")) << "the pieces are still coded";
  EXPECT_LT(r.seconds, 60.0);  // ~1.3 s in a release build
}

// The query caps say when they were hit: --limit on neighbours, the candidate cap of --k paths.
TEST(Catalogue, QueryCapsAreReportedWhenHit) {
  const std::string dir = scratch("caps");
  {
    // A complete directed graph on 30 states: many simple paths between any two.
    std::ofstream f(dir + "/dense.jsonl");
    for (int a = 0; a < 30; ++a)
      for (int b = 0; b < 30; ++b) {
        if (a == b) continue;
        const std::string sa = "X" + std::to_string(10 + a), sb = "X" + std::to_string(10 + b);
        f << R"({"type":"event","doc":"d","sentence":0,"source":{"id":"state/)" << sa
          << R"(","name":"Land )" << sa << R"(","code":")" << sa << R"("},"target":{"id":"state/)"
          << sb << R"(","name":"Land )" << sb << R"(","code":")" << sb
          << R"("},"cameo":"042","root":"04","quad":1,"goldstein":1.9,"date":"2024-01-01",)"
          << R"("confidence":0.9,"evidence":"e","span":[0,1]})" << "\n";
      }
  }
  const CliResult b = run("build -q " + dir + "/dense.jsonl -o " + dir + "/g.json");
  ASSERT_EQ(b.status, 0) << b.err;

  const CliResult n = run("query " + dir + "/g.json neighbors state/X10 --limit 5");
  EXPECT_EQ(n.status, 0) << n.err;
  EXPECT_TRUE(has(n.out, "(limited to 5; raise --limit)")) << n.out;
  const CliResult nj = run("query " + dir + "/g.json --json neighbors state/X10 --limit 5");
  EXPECT_TRUE(has(nj.out, "\"truncated\": true")) << nj.out;

  // 29 paths of at most 2 hops exist; asking for 100 makes Yen's algorithm walk through the
  // longer ones until its cap of 2,000 candidates, and the CLI says so.
  const CliResult p = run("query " + dir + "/g.json path state/X10 state/X11 --weight count --k 100 --max-hops 2");
  EXPECT_EQ(p.status, 0) << p.err;
  EXPECT_EQ(count(p.out, "\npath ") + (p.out.rfind("path ", 0) == 0 ? 1u : 0u), 29u) << p.out.substr(0, 300);
  EXPECT_TRUE(has(p.err, "stopped after 2000 candidate paths with 29 of the 100 asked found")) << p.err;
  EXPECT_LT(p.seconds, 60.0);
}

}  // namespace
