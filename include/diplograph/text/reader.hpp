// Reading documents from files, directories and stdin, in every input format diplograph takes:
//   * the seed format: first line an id, a blank line, then the body;
//   * plain text (the id is the file name without extension);
//   * JSON Lines, one object a line with "id", "date", "title", "text", "url" (.jsonl/.ndjson);
//   * a directory (read recursively, files sorted by path); "-" for stdin.
// Bad documents (invalid UTF-8, broken JSON line, too large) become Errors naming the file and
// line or byte offset; the other documents are still delivered.
//
//   text::DocumentReader reader;
//   reader.read({"news/", "extra.jsonl"}, [](Document&& d) { ... }, [](Error&& e) { ... });
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

// Reads every path in order and calls `on_document` for each good document (sentences not yet
// split) and `on_error` for each bad one. Returns the number of documents delivered.
std::size_t read_documents(std::span<const std::string> paths, const ReadOptions& options,
                           const DocumentSink& on_document, const ErrorSink& on_error);

// The date encoded in an id like "news-20082024-013613" (DDMMYYYY-HHMMSS), or nullopt.
std::optional<Date> date_from_id(std::string_view id);

}  // namespace diplograph::text
