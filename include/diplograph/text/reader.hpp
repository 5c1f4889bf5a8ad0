// Reading documents from files, directories and stdin, in every input format diplograph takes:
//   * the seed format: first line an id (one word, no spaces), a blank line, then the body;
//   * plain text: the whole file is the body, the id is the file name without extension
//     ("reports/visit.txt" -> "visit"; "stdin" for standard input);
//   * JSON Lines (.jsonl, .ndjson, .json; or stdin starting with '{'), one object a line with
//     "id", "date", "title", "text", "url". "text" is required; a missing "id" becomes
//     "<file name>-<line>"; "date" is "YYYY-MM-DD", "YYYYMMDD" or an ISO date-time;
//   * a directory: every regular file under it whose name does not start with '.', read
//     recursively, in byte order of path; "-" for stdin.
// The document date is the JSON "date", else the date in an id like "news-20082024-013613"
// (DDMMYYYY-HHMMSS), else absent.
//
// Bad input becomes an Error and is skipped while the rest is still delivered: a missing path,
// an empty file, a binary file (NUL bytes), UTF-16 (byte-order mark FF FE or FE FF), invalid
// UTF-8 (Error::offset is the byte offset of the first bad byte in the file), a document larger
// than ReadOptions::max_doc_bytes, a broken JSON line (Error::line names it; a file reports its
// first 20 bad lines one by one, then one Error counting the rest).
// A UTF-8 byte-order mark is stripped: Document::text starts after it (and, in the seed format,
// after the id line and the blank line), so token spans count from there, while Error offsets
// always count bytes from the start of the file.
//
//   std::vector<std::string> paths = {"news/", "extra.jsonl"};
//   text::read_documents(paths, {}, [](Document&& d) { ... }, [](Error&& e) { ... });
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "diplograph/model.hpp"

namespace diplograph::text {

struct ReadOptions {
  std::size_t max_doc_bytes = std::size_t{16} << 20;  // --max-doc-bytes
};

using DocumentSink = std::function<void(Document&&)>;
using ErrorSink = std::function<void(Error&&)>;

// How to read a file's bytes. `automatic` picks json_lines for .jsonl/.ndjson/.json names (and
// for stdin whose first non-blank byte is '{'), else text (the seed format or plain text).
enum class InputFormat { automatic, text, json_lines };

// Reads every path in order and calls `on_document` for each good document (sentences not yet
// split) and `on_error` for each bad one. Returns the number of documents delivered.
std::size_t read_documents(std::span<const std::string> paths, const ReadOptions& options,
                           const DocumentSink& on_document, const ErrorSink& on_error);

// Parses documents from bytes already in memory, as if read from a file named `source` (used for
// its id, its extension and in Errors). read_documents calls this for every file; the tests and
// fuzzers call it directly. Returns the number of documents delivered.
std::size_t parse_documents(std::string_view bytes, std::string_view source, InputFormat format,
                            const ReadOptions& options, const DocumentSink& on_document,
                            const ErrorSink& on_error);

// The date encoded in an id like "news-20082024-013613" (DDMMYYYY-HHMMSS; also YYYYMMDD-HHMMSS
// when the digits are not a valid DDMMYYYY, and ISO "2024-08-20"), or nullopt. Years outside
// 1900..2199 and digit runs of other lengths are not dates.
//   date_from_id("news-20082024-013613") -> 2024-08-20;  date_from_id("article-17") -> nullopt
std::optional<Date> date_from_id(std::string_view id);

}  // namespace diplograph::text
