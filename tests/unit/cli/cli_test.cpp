// End-to-end checks of the diplograph binary: exit codes, messages naming file and place, and
// that good documents survive a bad one. Runs the built CLI (DIPLOGRAPH_CLI) on tests/data/cli/.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct CliResult {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs `diplograph ARGS` through the shell; stderr is captured to a temporary file.
CliResult run(const std::string& args) {
  // One file per process: ctest runs the tests of this executable in parallel processes.
  const std::string err_path =
      testing::TempDir() + "/cli_stderr_" + std::to_string(::getpid()) + ".txt";
  const std::string command =
      std::string(DIPLOGRAPH_CLI) + " " + args + " 2>" + err_path;
  CliResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (FILE* err = std::fopen(err_path.c_str(), "r")) {
    while ((n = std::fread(buffer.data(), 1, buffer.size(), err)) > 0) result.err.append(buffer.data(), n);
    std::fclose(err);
  }
  std::remove(err_path.c_str());
  return result;
}

std::string data(const std::string& name) { return std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/cli/" + name; }

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

TEST(Cli, VersionAndHelpExitZero) {
  const CliResult version = run("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.out.find("diplograph "), std::string::npos);
  for (const char* command : {"extract", "build", "query", "export", "validate"}) {
    const CliResult help = run(std::string(command) + " --help");
    EXPECT_EQ(help.status, 0) << command;
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
  }
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").status, 2);
  EXPECT_EQ(run("frobnicate").status, 2);
  EXPECT_EQ(run("extract").status, 2);  // no input
  EXPECT_EQ(run("extract --no-such-flag " + data("good.txt")).status, 2);
}

TEST(Cli, ExtractPrintsOneDocumentRecordWithTheIdAndDate) {
  const CliResult r = run("extract " + data("good.txt"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(r.out, "\"type\":\"document\""), 1u);
  EXPECT_NE(r.out.find("\"id\":\"brief-20052024-101500\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"date\":\"2024-05-20\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"sentences\":2"), std::string::npos) << r.out;
}

TEST(Cli, PlainTextTakesItsIdFromTheFileName) {
  const CliResult r = run("extract " + data("plain.txt"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"id\":\"plain\""), std::string::npos) << r.out;
}

TEST(Cli, InvalidUtf8IsReportedWithFileAndOffsetAndTheRestGoesOn) {
  const CliResult r = run("extract " + data("bad-utf8.txt") + " " + data("good.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad-utf8.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("byte"), std::string::npos) << r.err;
  EXPECT_EQ(count(r.out, "\"type\":\"document\""), 1u) << r.out;
  EXPECT_NE(r.out.find("brief-20052024-101500"), std::string::npos);
}

TEST(Cli, BrokenJsonLineIsReportedByLineAndTheOthersLoad) {
  const CliResult r = run("extract " + data("mixed.jsonl"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("mixed.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\"id\":\"j1\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"date\":\"2023-03-05\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"id\":\"j3\""), std::string::npos) << r.out;
}

TEST(Cli, ReadsStdin) {
  const CliResult r = run("extract - < " + data("good.txt"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"id\":\"brief-20052024-101500\""), std::string::npos) << r.out;
}

TEST(Cli, MissingFileIsADataError) {
  const CliResult r = run("extract " + data("does-not-exist.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("does-not-exist.txt"), std::string::npos) << r.err;
}


std::string slurp(const std::string& path) {
  std::string text;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0) text.append(buffer.data(), n);
    std::fclose(f);
  }
  return text;
}

// `build -` reads records, documents or a graph from stdin and builds what the same bytes in a
// file would give: `diplograph extract news/ | diplograph build - -o graph.json`.
TEST(Cli, BuildReadsStdinLikeAFile) {
  const std::string dir = testing::TempDir() + "/build_stdin_" + std::to_string(::getpid());
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  ASSERT_EQ(run("extract " + data("good.txt") + " > " + dir + "/records.jsonl").status, 0);

  const CliResult records_in = run("build - -o " + dir + "/a.json < " + dir + "/records.jsonl");
  EXPECT_EQ(records_in.status, 0) << records_in.err;
  EXPECT_NE(records_in.err.find("-: event records"), std::string::npos) << records_in.err;
  ASSERT_EQ(run("build " + dir + "/records.jsonl -o " + dir + "/b.json").status, 0);
  const std::string from_stdin = slurp(dir + "/a.json");
  EXPECT_NE(from_stdin.find("\"links\""), std::string::npos);
  EXPECT_EQ(from_stdin, slurp(dir + "/b.json"));

  const CliResult document_in = run("build - -o " + dir + "/c.json < " + data("good.txt"));
  EXPECT_EQ(document_in.status, 0) << document_in.err;
  EXPECT_NE(document_in.err.find("-: documents"), std::string::npos) << document_in.err;
  ASSERT_EQ(run("build " + data("good.txt") + " -o " + dir + "/d.json").status, 0);
  EXPECT_EQ(slurp(dir + "/c.json"), slurp(dir + "/d.json"));

  const CliResult graph_in = run("build - -o " + dir + "/e.json < " + dir + "/b.json");
  EXPECT_EQ(graph_in.status, 0) << graph_in.err;
  EXPECT_EQ(slurp(dir + "/e.json"), slurp(dir + "/b.json"));

  // a broken line on stdin is named "-" and its line
  const CliResult broken = run("build - -o " + dir + "/f.json < " + data("mixed.jsonl"));
  EXPECT_EQ(broken.status, 1);
  EXPECT_NE(broken.err.find("-:"), std::string::npos) << broken.err;
  EXPECT_EQ(std::system(("rm -rf " + dir).c_str()), 0);
}

// -j: documents coded on several threads give the same bytes, in the input's order, as one
// thread; read errors keep their place among the documents.
TEST(Cli, JobsDoNotChangeTheOutput) {
  const std::string dir = testing::TempDir() + "/jobs_" + std::to_string(::getpid());
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  const std::string examples = std::string(DIPLOGRAPH_SOURCE_DIR) + "/graphs/examples";
  const std::string inputs = examples + " " + data("bad-utf8.txt") + " " + data("mixed.jsonl") + " " + examples;
  const CliResult one = run("extract -j 1 --verbose " + inputs);
  const CliResult four = run("extract -j 4 --verbose " + inputs);
  EXPECT_EQ(one.status, 1);  // the bad documents
  EXPECT_EQ(four.status, 1);
  EXPECT_GT(count(one.out, "\"type\":\"event\""), 10u);
  EXPECT_EQ(one.out, four.out);
  EXPECT_EQ(one.err, four.err);  // traces and errors in input order

  ASSERT_EQ(run("build -q -j 1 " + inputs + " -o " + dir + "/one.json").status, 1);
  ASSERT_EQ(run("build -q -j 4 " + inputs + " -o " + dir + "/four.json").status, 1);
  const std::string graph = slurp(dir + "/one.json");
  EXPECT_NE(graph.find("\"links\""), std::string::npos);
  EXPECT_EQ(graph, slurp(dir + "/four.json"));
  EXPECT_EQ(std::system(("rm -rf " + dir).c_str()), 0);
}

// Records that cannot be written (a full disk) are a failure, named, not a silent success.
TEST(Cli, FullStdoutIsAnError) {
  for (const std::string& command : {"extract " + data("good.txt"), "build " + data("good.txt") + " -o -"}) {
    const CliResult r = run(command + " > /dev/full");
    EXPECT_EQ(r.status, 1) << command;
    EXPECT_NE(r.err.find("cannot write to standard output"), std::string::npos) << command << ": " << r.err;
  }
}

}  // namespace
