// Reading documents: formats, ids and dates, and every kind of bad input, from the fixtures in
// tests/data/text/ and from bytes in memory.
#include "diplograph/text/reader.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <thread>
#include <string>
#include <vector>

#include "diplograph/text/splitter.hpp"

namespace diplograph::text {
namespace {

const std::string kData = std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/text/";

struct ReadResult {
  std::vector<Document> documents;
  std::vector<Error> errors;
  std::size_t delivered = 0;
};

ReadResult read(std::vector<std::string> paths, ReadOptions options = {}) {
  ReadResult r;
  r.delivered = read_documents(
      paths, options, [&](Document&& d) { r.documents.push_back(std::move(d)); },
      [&](Error&& e) { r.errors.push_back(std::move(e)); });
  return r;
}

ReadResult parse(std::string_view bytes, std::string_view source,
                 InputFormat format = InputFormat::automatic, ReadOptions options = {}) {
  ReadResult r;
  r.delivered = parse_documents(
      bytes, source, format, options, [&](Document&& d) { r.documents.push_back(std::move(d)); },
      [&](Error&& e) { r.errors.push_back(std::move(e)); });
  return r;
}

// ----- ids and dates

TEST(DateFromId, ParsesDayMonthYearTime) {
  const auto date = date_from_id("news-20082024-013613");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->iso(), "2024-08-20");
  EXPECT_EQ(date_from_id("20082024-013613")->iso(), "2024-08-20");
  EXPECT_EQ(date_from_id("x-29022024-235959-y")->iso(), "2024-02-29");
}

TEST(DateFromId, OtherStampsInIds) {
  EXPECT_EQ(date_from_id("news-20240820-013613")->iso(), "2024-08-20");  // YYYYMMDD-HHMMSS
  EXPECT_EQ(date_from_id("report-2023-12-11-manila")->iso(), "2023-12-11");
  EXPECT_EQ(date_from_id("01022024-000000")->iso(), "2024-02-01");  // DDMMYYYY wins
  EXPECT_FALSE(date_from_id("item-1234-56-78"));                    // no such day
  EXPECT_FALSE(date_from_id("serial-31121850-000000"));             // year out of range
  EXPECT_FALSE(date_from_id("doc-20240820"));                       // bare digits: too ambiguous
}

TEST(DateFromId, RejectsWhatIsNotADate) {
  EXPECT_FALSE(date_from_id("news-31022024-013613"));   // 31 February
  EXPECT_FALSE(date_from_id("news-20082024-253613"));   // hour 25
  EXPECT_FALSE(date_from_id("news-200820245-013613"));  // nine digits
  EXPECT_FALSE(date_from_id("news-20082024"));          // no time
  EXPECT_FALSE(date_from_id("article-17"));
  EXPECT_FALSE(date_from_id(""));
}

// ----- formats

TEST(Reader, SeedFormat) {
  const ReadResult r = read({kData + "seed_format.txt"});
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.documents.size(), 1U);
  const Document& d = r.documents[0];
  EXPECT_EQ(d.id, "brief-14032025-091500");
  ASSERT_TRUE(d.date);
  EXPECT_EQ(d.date->iso(), "2025-03-14");
  EXPECT_TRUE(d.text.starts_with("Officials in Wellington"));  // id and blank line not in text
  EXPECT_EQ(d.source, kData + "seed_format.txt");
  Document copy = d;
  split_document(copy);
  EXPECT_EQ(copy.sentences.size(), 3U);
}

TEST(Reader, PlainTextTakesIdFromFileName) {
  const ReadResult r = read({kData + "plain_article.txt"});
  ASSERT_EQ(r.documents.size(), 1U);
  EXPECT_EQ(r.documents[0].id, "plain_article");
  EXPECT_FALSE(r.documents[0].date);
  // A headline (with spaces) followed by a blank line is body text, not an id.
  EXPECT_TRUE(r.documents[0].text.starts_with("Ministers meet in Oslo"));
  Document d = r.documents[0];
  split_document(d);
  EXPECT_EQ(d.sentences.size(), 3U);  // headline + two sentences
}

TEST(Reader, SeedFormatInMemoryWithCrlf) {
  const ReadResult r = parse("doc-7\r\n\r\nKenya and Uganda met.\r\n", "in.txt");
  ASSERT_EQ(r.documents.size(), 1U);
  EXPECT_EQ(r.documents[0].id, "doc-7");
  EXPECT_EQ(r.documents[0].text, "Kenya and Uganda met.\r\n");
}

TEST(Reader, SeedIdWithTrailingSpaces) {
  const ReadResult r = parse("doc-8  \t\n   \n\nBody here.", "in.txt");
  ASSERT_EQ(r.documents.size(), 1U);
  EXPECT_EQ(r.documents[0].id, "doc-8");
  EXPECT_EQ(r.documents[0].text, "Body here.");
}

TEST(Reader, OneLineFileIsPlainText) {
  const ReadResult r = parse("Kenya and Uganda met.", "dir/one.line.txt");
  ASSERT_EQ(r.documents.size(), 1U);
  EXPECT_EQ(r.documents[0].id, "one.line");
  EXPECT_EQ(r.documents[0].text, "Kenya and Uganda met.");
}

TEST(Reader, Utf8BomIsStripped) {
  const ReadResult r = read({kData + "with_bom.txt"});
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.documents.size(), 1U);
  EXPECT_EQ(r.documents[0].id, "bom-01012024-120000");
  EXPECT_EQ(r.documents[0].date->iso(), "2024-01-01");
  EXPECT_EQ(r.documents[0].text, "Chile thanked Peru for its help.\n");
  // Offsets count from after the BOM (and id line): "Chile" starts at 0.
  const auto sentences = split_sentences(r.documents[0].text);
  EXPECT_EQ(sentences[0].tokens[0].span.start, 0U);
}

TEST(Reader, JsonLinesGoodLinesLoadBadLinesReported) {
  const ReadResult r = read({kData + "feed.jsonl"});
  ASSERT_EQ(r.documents.size(), 4U);
  EXPECT_EQ(r.delivered, 4U);
  EXPECT_EQ(r.documents[0].id, "feed-1");
  EXPECT_EQ(r.documents[0].date->iso(), "2024-05-02");
  EXPECT_EQ(r.documents[0].title, "Brazil, Argentina talk trade");
  EXPECT_EQ(r.documents[0].url, "https://example.org/1");
  EXPECT_EQ(r.documents[1].id, "feed-2");
  EXPECT_FALSE(r.documents[1].date);
  EXPECT_EQ(r.documents[1].text, "Egypt\u2019s foreign minister visited Jordan.");
  EXPECT_EQ(r.documents[2].id, "news-05052024-101500");
  EXPECT_EQ(r.documents[2].date->iso(), "2024-05-05");  // from the id
  EXPECT_EQ(r.documents[3].id, "feed-8");                // no id: file name and line
  ASSERT_EQ(r.errors.size(), 3U);
  EXPECT_EQ(r.errors[0].line, 3U);
  EXPECT_NE(r.errors[0].message.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(r.errors[0].file, kData + "feed.jsonl");
  EXPECT_EQ(r.errors[1].line, 6U);
  EXPECT_NE(r.errors[1].message.find("no \"text\""), std::string::npos);
  EXPECT_EQ(r.errors[2].line, 7U);
  EXPECT_NE(r.errors[2].message.find("date"), std::string::npos);
  EXPECT_EQ(r.errors[0].to_string().rfind(kData + "feed.jsonl:3: ", 0), 0U);
}

TEST(Reader, JsonLinesFieldTypesAndDates) {
  const std::string feed =
      "{\"id\": 42, \"text\": \"Peru met Chile.\", \"date\": \"2024-08-20T01:36:13Z\"}\n"
      "{\"id\": \"x\", \"text\": 7}\n"
      "[1, 2]\n"
      "{\"id\": \"y\", \"text\": \"ok\", \"date\": \"20240821\"}\n"
      "{\"id\": \"z\", \"text\": \"   \"}\n"
      "{\"id\": \"n\", \"text\": \"a\\u0000b\"}\n"
      "{\"id\": \"t\", \"text\": \"ok\"} trailing\n";
  const ReadResult r = parse(feed, "feed.ndjson");
  ASSERT_EQ(r.documents.size(), 2U);
  EXPECT_EQ(r.documents[0].id, "42");
  EXPECT_EQ(r.documents[0].date->iso(), "2024-08-20");
  EXPECT_EQ(r.documents[1].date->iso(), "2024-08-21");
  ASSERT_EQ(r.errors.size(), 5U);
  EXPECT_EQ(r.errors[0].line, 2U);  // text not a string
  EXPECT_EQ(r.errors[1].line, 3U);  // not an object
  EXPECT_EQ(r.errors[2].line, 5U);  // empty text
  EXPECT_EQ(r.errors[3].line, 6U);  // NUL
  EXPECT_EQ(r.errors[4].line, 7U);  // trailing garbage
}

TEST(Reader, JsonLinesInvalidUtf8NamesLineAndByte) {
  const std::string feed = "{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\"bad \xff\"}\n";
  const ReadResult r = parse(feed, "f.jsonl");
  ASSERT_EQ(r.documents.size(), 1U);
  ASSERT_EQ(r.errors.size(), 1U);
  EXPECT_EQ(r.errors[0].line, 2U);
  EXPECT_EQ(r.errors[0].offset, feed.find('\xff'));
  EXPECT_NE(r.errors[0].message.find(fmt::format("at byte {}", feed.find('\xff'))),
            std::string::npos);  // to_string shows only the line, so the message names the byte
}

TEST(Reader, JsonLinesLimitsReportedErrors) {
  std::string feed;
  for (int i = 0; i < 30; ++i) feed += "not json\n";
  const ReadResult r = parse(feed, "junk.jsonl");
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.errors.size(), 21U);  // twenty lines, then one summary
  EXPECT_NE(r.errors.back().message.find("10 more"), std::string::npos);
}

TEST(Reader, FormatCanBeForced) {
  const std::string line = "{\"id\":\"a\",\"text\":\"Peru met Chile.\"}\n";
  EXPECT_EQ(parse(line, "feed.txt", InputFormat::json_lines).documents.size(), 1U);
  const ReadResult as_text = parse(line, "feed.jsonl", InputFormat::text);
  ASSERT_EQ(as_text.documents.size(), 1U);
  EXPECT_EQ(as_text.documents[0].id, "feed");
}

TEST(Reader, StdinNameAndSniffing) {
  const ReadResult json = parse("\n {\"id\":\"s1\",\"text\":\"Hi.\"}\n", "-");
  ASSERT_EQ(json.documents.size(), 1U);
  EXPECT_EQ(json.documents[0].id, "s1");
  const ReadResult text = parse("Plain words.", "-");
  ASSERT_EQ(text.documents.size(), 1U);
  EXPECT_EQ(text.documents[0].id, "stdin");
  EXPECT_EQ(text.documents[0].source, "-");
}

// ----- bad input

TEST(Reader, BinaryFileIsAnError) {
  const ReadResult r = read({kData + "binary.bin"});
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.errors.size(), 1U);
  EXPECT_NE(r.errors[0].message.find("binary"), std::string::npos);
  EXPECT_NE(r.errors[0].to_string().find("at byte 0"), std::string::npos);
}

TEST(Reader, InvalidUtf8NamesTheByteOffset) {
  const ReadResult r = read({kData + "invalid_utf8.txt"});
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.errors.size(), 1U);
  EXPECT_EQ(r.errors[0].offset, 22U);
  EXPECT_EQ(r.errors[0].file, kData + "invalid_utf8.txt");
  EXPECT_NE(r.errors[0].to_string().find("byte 22"), std::string::npos);
}

TEST(Reader, InvalidUtf8OffsetCountsTheBom) {
  const ReadResult r = parse("\xEF\xBB\xBFok \xC3", "b.txt");
  ASSERT_EQ(r.errors.size(), 1U);
  EXPECT_EQ(r.errors[0].offset, 6U);  // file offset: the three BOM bytes count
}

TEST(Reader, Utf16IsAClearError) {
  for (const char* name : {"utf16le.txt", "utf16be.txt"}) {
    const ReadResult r = read({kData + name});
    EXPECT_TRUE(r.documents.empty()) << name;
    ASSERT_EQ(r.errors.size(), 1U) << name;
    EXPECT_NE(r.errors[0].message.find("UTF-16"), std::string::npos) << name;
  }
}

TEST(Reader, Utf16WithoutByteOrderMarkIsNamed) {
  const std::string le("K\0e\0n\0y\0a\0 \0m\0e\0t\0.\0", 20);
  const std::string be("\0K\0e\0n\0y\0a\0 \0m\0e\0t\0.", 20);
  for (const std::string& bytes : {le, be}) {
    const ReadResult r = parse(bytes, "u.txt");
    ASSERT_EQ(r.errors.size(), 1U);
    EXPECT_NE(r.errors[0].message.find("UTF-16"), std::string::npos);
  }
  const ReadResult binary = parse(std::string("\x89PNG\0\0\0\x0d", 8), "p.txt");
  ASSERT_EQ(binary.errors.size(), 1U);
  EXPECT_NE(binary.errors[0].message.find("binary"), std::string::npos);
}

TEST(Reader, EmptyFilesAreErrors) {
  for (const char* name : {"empty.txt", "id_only.txt"}) {
    const ReadResult r = read({kData + name});
    EXPECT_TRUE(r.documents.empty()) << name;
    ASSERT_EQ(r.errors.size(), 1U) << name;
  }
  EXPECT_EQ(parse("", "e.jsonl").errors.size(), 1U);
  EXPECT_EQ(parse("\xEF\xBB\xBF", "bom-only.txt").errors.size(), 1U);
  EXPECT_EQ(parse(" \n\u00a0\n", "spaces.txt").errors.size(), 1U);
}

TEST(Reader, MissingPathIsAnErrorAndTheRestGoesOn) {
  const ReadResult r = read({kData + "no-such-file.txt", kData + "seed_format.txt"});
  ASSERT_EQ(r.errors.size(), 1U);
  EXPECT_NE(r.errors[0].message.find("no such file"), std::string::npos);
  EXPECT_EQ(r.documents.size(), 1U);
}

TEST(Reader, TooLargeDocumentIsSkipped) {
  ReadOptions small;
  small.max_doc_bytes = 50;
  const ReadResult r = read({kData + "seed_format.txt", kData + "corpus/more/c_third.txt"}, small);
  ASSERT_EQ(r.errors.size(), 1U);
  EXPECT_NE(r.errors[0].message.find("max-doc-bytes"), std::string::npos);
  ASSERT_EQ(r.documents.size(), 1U);
  EXPECT_EQ(r.documents[0].id, "c_third");
  const ReadResult lines = parse("{\"id\":\"a\",\"text\":\"" + std::string(60, 'x') + "\"}\n"
                                 "{\"id\":\"b\",\"text\":\"short\"}\n",
                                 "f.jsonl", InputFormat::automatic, small);
  EXPECT_EQ(lines.documents.size(), 1U);
  EXPECT_EQ(lines.errors.size(), 1U);
}

TEST(Reader, DirectoryIsRecursiveSortedAndSurvivesABadFile) {
  const ReadResult r = read({kData + "corpus"});
  ASSERT_EQ(r.documents.size(), 3U);
  EXPECT_EQ(r.documents[0].id, "a_first");
  EXPECT_EQ(r.documents[1].id, "second-02022024-080000");
  EXPECT_EQ(r.documents[2].id, "c_third");
  ASSERT_EQ(r.errors.size(), 1U);  // d_bad.txt; the hidden file is never read
  EXPECT_EQ(r.errors[0].file, kData + "corpus/more/d_bad.txt");
  EXPECT_EQ(r.errors[0].offset, 10U);
}

TEST(Reader, EmptyDirectoryIsAnError) {
  const std::string dir = ::testing::TempDir() + "diplograph_text_empty_dir";
  std::filesystem::create_directories(dir);
  const ReadResult r = read({dir});
  EXPECT_TRUE(r.documents.empty());
  EXPECT_EQ(r.errors.size(), 1U);
}

TEST(Reader, ReadsFromAPipeLikeFile) {
  // /dev/stdin style paths cannot be mapped; a FIFO exercises the read loop.
  const std::string fifo = ::testing::TempDir() + "diplograph_text_fifo";
  std::remove(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::FILE* f = std::fopen(fifo.c_str(), "w");
    std::fputs("pipe-doc\n\nSudan and Chad met.\n", f);
    std::fclose(f);
  });
  const ReadResult r = read({fifo});
  writer.join();
  std::remove(fifo.c_str());
  ASSERT_EQ(r.documents.size(), 1U);
  EXPECT_EQ(r.documents[0].id, "pipe-doc");
}

}  // namespace
}  // namespace diplograph::text
