#include "diplograph/text/reader.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "diplograph/text/utf8.hpp"
#include "text/mapped_file.hpp"

namespace diplograph::text {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// A .jsonl file reports at most this many bad lines one by one, then a summary.
constexpr std::size_t kMaxLineErrorsPerFile = 20;
// Bytes of a JSON Lines file checked for NUL before it is called binary.
constexpr std::size_t kBinarySniffBytes = 8192;
constexpr std::size_t kMaxIdBytes = 256;

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[i]) return false;
  }
  return true;
}

bool is_json_lines_name(std::string_view name) {
  return ends_with_icase(name, ".jsonl") || ends_with_icase(name, ".ndjson") ||
         ends_with_icase(name, ".json");
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// False when `s` holds only white space, Unicode spaces included.
bool has_visible_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const DecodedChar d = decode_utf8(s, i);
    if (!is_space(d.code)) return true;
    i += d.length;
  }
  return false;
}

std::string id_from_name(std::string_view source) {
  if (source == "-") return "stdin";
  const fs::path path{std::string(source)};
  std::string stem = path.stem().string();
  return stem.empty() ? std::string(source) : stem;
}

Error make_error(std::string_view source, std::size_t line, std::size_t offset,
                 std::string message) {
  Error e;
  e.file = std::string(source);
  e.line = line;
  e.offset = offset;
  e.message = std::move(message);
  return e;
}

// " at byte N" when Error::to_string will not show the offset itself (it shows the line when
// there is one, and no offset 0).
std::string at_byte(std::size_t line, std::size_t offset) {
  return line == 0 && offset > 0 ? std::string() : fmt::format(" at byte {}", offset);
}

std::string invalid_utf8_message(std::string_view bytes, std::size_t at, std::size_t line,
                                  std::size_t offset) {
  return fmt::format("invalid UTF-8{} (0x{:02X}); the document is skipped", at_byte(line, offset),
                     static_cast<unsigned char>(bytes[at]));
}

// ASCII text in UTF-16 without a byte-order mark: every other byte of the first ones is NUL.
bool looks_like_utf16(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size() & ~std::size_t{1}, 64);
  if (n < 4) return false;
  for (std::size_t parity : {0U, 1U}) {
    bool all = true;
    for (std::size_t i = 0; i < n && all; i += 2)
      all = bytes[i + parity] == '\0' && bytes[i + 1 - parity] != '\0' &&
            static_cast<unsigned char>(bytes[i + 1 - parity]) < 0x80;
    if (all) return true;
  }
  return false;
}

// Checks shared by both formats: returns an Error for an empty, UTF-16 or BOM-only input.
std::optional<Error> check_encoding(std::string_view bytes, std::string_view source) {
  if (bytes.empty()) return make_error(source, 0, 0, "empty file: no document to read");
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                            (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return make_error(source, 0, 0,
                      fmt::format("UTF-16 text (byte-order mark {}); diplograph reads UTF-8 only "
                                  "(convert with: iconv -f UTF-16 -t UTF-8)",
                                  bytes[0] == '\xFF' ? "FF FE" : "FE FF"));
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// The seed format and plain text

std::size_t parse_text(std::string_view bytes, std::size_t bom, std::string_view source,
                       const ReadOptions& options, const DocumentSink& on_document,
                       const ErrorSink& on_error) {
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size()); nul != nullptr) {
    const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    on_error(make_error(source, 0, bom + at,
                        looks_like_utf16(bytes)
                            ? std::string("UTF-16 text without a byte-order mark; diplograph "
                                          "reads UTF-8 only (convert with: iconv -f UTF-16LE "
                                          "-t UTF-8, or UTF-16BE)")
                            : fmt::format("binary file (NUL byte{}), not text",
                                          at_byte(0, bom + at))));
    return 0;
  }
  if (bytes.size() > options.max_doc_bytes) {
    on_error(make_error(source, 0, 0,
                        fmt::format("document is {} bytes, more than the limit of {} "
                                    "(--max-doc-bytes); skipped",
                                    bytes.size(), options.max_doc_bytes)));
    return 0;
  }
  if (const auto bad = find_invalid_utf8(bytes)) {
    on_error(make_error(source, 0, bom + *bad, invalid_utf8_message(bytes, *bad, 0, bom + *bad)));
    return 0;
  }

  Document doc;
  doc.source = std::string(source);
  std::size_t body = 0;
  // The seed format: one word on the first line, then a blank line.
  const std::size_t eol = bytes.find('\n');
  if (eol != std::string_view::npos) {
    std::string_view first = bytes.substr(0, eol);
    while (!first.empty() && (first.back() == '\r' || first.back() == ' ' || first.back() == '\t'))
      first.remove_suffix(1);
    const std::size_t eol2 = bytes.find('\n', eol + 1);
    const std::string_view second =
        bytes.substr(eol + 1, eol2 == std::string_view::npos ? std::string_view::npos
                                                             : eol2 - eol - 1);
    const bool one_word = !first.empty() && first.size() <= kMaxIdBytes &&
                          first.find_first_of(" \t\v\f") == std::string_view::npos;
    if (one_word && is_blank(second) && eol2 != std::string_view::npos) {
      doc.id = std::string(first);
      body = eol2 + 1;
      // Further blank lines before the body are not part of it.
      while (body < bytes.size()) {
        const std::size_t next = bytes.find('\n', body);
        if (next == std::string_view::npos || !is_blank(bytes.substr(body, next - body))) break;
        body = next + 1;
      }
    }
  }
  if (doc.id.empty()) doc.id = id_from_name(source);
  doc.text = std::string(bytes.substr(body));
  if (!has_visible_text(doc.text)) {
    on_error(make_error(source, 0, 0,
                        fmt::format("document \"{}\" has no text (only an id or white space)",
                                    doc.id)));
    return 0;
  }
  doc.date = date_from_id(doc.id);
  on_document(std::move(doc));
  return 1;
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

// Reads the string member `name` of `object`: absent or null -> nullopt; a string -> its bytes;
// anything else -> an error message in `problem`.
std::optional<std::string_view> string_member(const rapidjson::Value& object, const char* name,
                                              std::string& problem) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (!it->value.IsString()) {
    problem = fmt::format("\"{}\" is not a string", name);
    return std::nullopt;
  }
  return std::string_view(it->value.GetString(), it->value.GetStringLength());
}

std::optional<Date> parse_json_date(std::string_view text) {
  // "2024-08-20", "20240820", "2024-08-20T01:36:13Z", "2024-08-20 01:36:13"
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) text = text.substr(0, 10);
  return Date::parse(text);
}

class JsonLinesParser {
 public:
  JsonLinesParser(std::string_view source, std::size_t bom, const ReadOptions& options,
                  const DocumentSink& on_document, const ErrorSink& on_error)
      : m_source(source), m_bom(bom), m_options(options), m_on_document(on_document),
        m_on_error(on_error) {}

  std::size_t run(std::string_view bytes) {
    const std::size_t sniff = std::min(bytes.size(), kBinarySniffBytes);
    if (const void* nul = std::memchr(bytes.data(), '\0', sniff); nul != nullptr) {
      const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
      report(0, m_bom + at, fmt::format("binary file (NUL byte{}), not JSON Lines",
                                        at_byte(0, m_bom + at)));
      flush_errors();
      return 0;
    }
    std::size_t delivered = 0;
    std::size_t line_no = 0;
    std::size_t pos = 0;
    bool any_content = false;
    while (pos < bytes.size()) {
      ++line_no;
      std::size_t end = bytes.find('\n', pos);
      if (end == std::string_view::npos) end = bytes.size();
      std::string_view line = bytes.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const std::size_t offset = m_bom + pos;
      pos = end + 1;
      if (is_blank(line)) continue;
      any_content = true;
      delivered += parse_line(line, line_no, offset);
    }
    if (!any_content) report(0, 0, "no JSON objects (only white space)");
    flush_errors();
    return delivered;
  }

 private:
  void report(std::size_t line, std::size_t offset, std::string message) {
    if (++m_errors <= kMaxLineErrorsPerFile) m_on_error(make_error(m_source, line, offset,
                                                                   std::move(message)));
  }

  void flush_errors() {
    if (m_errors > kMaxLineErrorsPerFile)
      m_on_error(make_error(m_source, 0, 0,
                            fmt::format("{} more bad lines not listed ({} in all)",
                                        m_errors - kMaxLineErrorsPerFile, m_errors)));
  }

  std::size_t parse_line(std::string_view line, std::size_t line_no, std::size_t offset) {
    if (line.size() > m_options.max_doc_bytes) {
      report(line_no, offset,
             fmt::format("line is {} bytes, more than the limit of {} (--max-doc-bytes); skipped",
                         line.size(), m_options.max_doc_bytes));
      return 0;
    }
    if (std::memchr(line.data(), '\0', line.size()) != nullptr) {
      report(line_no, offset, "NUL byte in line: binary data, not JSON");
      return 0;
    }
    if (const auto bad = find_invalid_utf8(line)) {
      report(line_no, offset + *bad, invalid_utf8_message(line, *bad, line_no, offset + *bad));
      return 0;
    }
    // A fresh document on a pool that is emptied for every line: a reused rapidjson::Document
    // would keep every line's strings until the end of the file.
    m_pool.Clear();
    rapidjson::Document json(&m_pool);
    json.Parse(line.data(), line.size());
    return take_document(json, line_no, offset);
  }

  std::size_t take_document(const rapidjson::Document& json, std::size_t line_no,
                            std::size_t offset) {
    if (json.HasParseError()) {
      report(line_no, offset + json.GetErrorOffset(),
             fmt::format("not valid JSON at column {}: {}", json.GetErrorOffset() + 1,
                         rapidjson::GetParseError_En(json.GetParseError())));
      return 0;
    }
    if (!json.IsObject()) {
      report(line_no, offset, "not a JSON object (expected {\"id\":...,\"text\":...})");
      return 0;
    }
    std::string problem;
    Document doc;
    doc.source = std::string(m_source);
    // id: a string or an integer; absent -> "<file name>-<line>".
    if (const auto it = json.FindMember("id"); it != json.MemberEnd() && !it->value.IsNull()) {
      if (it->value.IsString())
        doc.id.assign(it->value.GetString(), it->value.GetStringLength());
      else if (it->value.IsInt64())
        doc.id = std::to_string(it->value.GetInt64());
      else if (it->value.IsUint64())
        doc.id = std::to_string(it->value.GetUint64());
      else
        problem = "\"id\" is not a string or an integer";
    }
    const auto text = string_member(json, "text", problem);
    const auto title = string_member(json, "title", problem);
    const auto url = string_member(json, "url", problem);
    const auto date = string_member(json, "date", problem);
    if (problem.empty() && !text) problem = "no \"text\" field";
    if (problem.empty() && text->find('\0') != std::string_view::npos)
      problem = "\"text\" contains a NUL character (\\u0000)";
    if (problem.empty() && !has_visible_text(*text)) problem = "\"text\" is empty";
    if (problem.empty() && date && !date->empty()) {
      doc.date = parse_json_date(*date);
      if (!doc.date)
        problem = fmt::format("\"date\" is not a date (YYYY-MM-DD): \"{}\"",
                              date->substr(0, 40));
    }
    if (!problem.empty()) {
      report(line_no, offset, problem);
      return 0;
    }
    if (doc.id.empty()) doc.id = fmt::format("{}-{}", id_from_name(m_source), line_no);
    if (!doc.date) doc.date = date_from_id(doc.id);
    doc.text = std::string(*text);
    if (title) doc.title = std::string(*title);
    if (url) doc.url = std::string(*url);
    m_on_document(std::move(doc));
    return 1;
  }

  std::string_view m_source;
  std::size_t m_bom;
  const ReadOptions& m_options;
  const DocumentSink& m_on_document;
  const ErrorSink& m_on_error;
  std::vector<char> m_pool_buffer = std::vector<char>(std::size_t{64} << 10);
  rapidjson::MemoryPoolAllocator<> m_pool{m_pool_buffer.data(), m_pool_buffer.size()};
  std::size_t m_errors = 0;
};

// ---------------------------------------------------------------------------------------------
// Files, directories, stdin

std::optional<std::string> read_stdin(std::string& out) {
  std::vector<char> buffer(std::size_t{1} << 20);
  while (true) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), stdin);
    out.append(buffer.data(), got);
    if (got < buffer.size()) {
      if (std::ferror(stdin)) return std::string("cannot read standard input");
      return std::nullopt;
    }
  }
}

std::size_t read_one_file(const std::string& path, const ReadOptions& options,
                          const DocumentSink& on_document, const ErrorSink& on_error) {
  MappedFile file;
  if (auto problem = file.open(path)) {
    on_error(make_error(path, 0, 0, std::move(*problem)));
    return 0;
  }
  return parse_documents(file.bytes(), path, InputFormat::automatic, options, on_document,
                         on_error);
}

std::size_t read_directory(const std::string& root, const ReadOptions& options,
                           const DocumentSink& on_document, const ErrorSink& on_error) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
  if (ec) {
    on_error(make_error(root, 0, 0, fmt::format("cannot read directory: {}", ec.message())));
    return 0;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      on_error(make_error(root, 0, 0, fmt::format("cannot read directory: {}", ec.message())));
      break;
    }
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files.push_back(p.string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    on_error(make_error(root, 0, 0, "directory holds no files to read"));
    return 0;
  }
  std::size_t delivered = 0;
  for (const std::string& file : files)
    delivered += read_one_file(file, options, on_document, on_error);
  return delivered;
}

}  // namespace

std::size_t parse_documents(std::string_view bytes, std::string_view source, InputFormat format,
                            const ReadOptions& options, const DocumentSink& on_document,
                            const ErrorSink& on_error) {
  if (auto problem = check_encoding(bytes, source)) {
    on_error(std::move(*problem));
    return 0;
  }
  std::size_t bom = 0;
  if (bytes.starts_with(kUtf8Bom)) {
    bom = kUtf8Bom.size();
    bytes.remove_prefix(bom);
  }
  if (format == InputFormat::automatic) {
    if (source == "-") {
      const std::size_t first = bytes.find_first_not_of(" \t\r\n");
      format = first != std::string_view::npos && bytes[first] == '{' ? InputFormat::json_lines
                                                                       : InputFormat::text;
    } else {
      format = is_json_lines_name(source) ? InputFormat::json_lines : InputFormat::text;
    }
  }
  if (format == InputFormat::json_lines)
    return JsonLinesParser(source, bom, options, on_document, on_error).run(bytes);
  if (bytes.empty()) {
    on_error(make_error(source, 0, 0, "empty file: no document to read"));
    return 0;
  }
  return parse_text(bytes, bom, source, options, on_document, on_error);
}

std::size_t read_documents(std::span<const std::string> paths, const ReadOptions& options,
                           const DocumentSink& on_document, const ErrorSink& on_error) {
  std::size_t delivered = 0;
  for (const std::string& path : paths) {
    if (path == "-") {
      std::string bytes;
      if (auto problem = read_stdin(bytes)) {
        on_error(make_error("-", 0, 0, std::move(*problem)));
        continue;
      }
      delivered += parse_documents(bytes, "-", InputFormat::automatic, options, on_document,
                                   on_error);
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      on_error(make_error(path, 0, 0,
                          ec && ec != std::errc::no_such_file_or_directory
                              ? fmt::format("cannot read: {}", ec.message())
                              : std::string("no such file or directory")));
      continue;
    }
    if (fs::is_directory(status))
      delivered += read_directory(path, options, on_document, on_error);
    else
      delivered += read_one_file(path, options, on_document, on_error);
  }
  return delivered;
}

std::optional<Date> date_from_id(std::string_view id) {
  // DDMMYYYY-HHMMSS (the seed's form), or YYYYMMDD-HHMMSS when the digits are no valid DDMMYYYY,
  // or else an ISO YYYY-MM-DD; each with no digit just before or after it and a year in
  // 1900..2199, so that serial numbers are not read as dates.
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto number = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t k = 0; k < len; ++k) v = v * 10 + (id[at + k] - '0');
    return v;
  };
  const auto bounded = [&](std::size_t at, std::size_t len) {
    return (at == 0 || !digit(id[at - 1])) && (at + len == id.size() || !digit(id[at + len]));
  };
  const auto make = [](int year, int month, int day) -> std::optional<Date> {
    if (year < 1900 || year > 2199) return std::nullopt;
    return Date::parse(fmt::format("{:04}-{:02}-{:02}", year, month, day));
  };
  const auto shaped = [&](std::size_t at, std::string_view shape) {  // 'd' = digit
    for (std::size_t k = 0; k < shape.size(); ++k)
      if (shape[k] == 'd' ? !digit(id[at + k]) : id[at + k] != shape[k]) return false;
    return true;
  };
  constexpr std::string_view kStamp = "dddddddd-dddddd";
  for (std::size_t i = 0; i + kStamp.size() <= id.size(); ++i) {
    if (!bounded(i, kStamp.size()) || !shaped(i, kStamp)) continue;
    const int hh = number(i + 9, 2), mm = number(i + 11, 2), ss = number(i + 13, 2);
    if (hh > 23 || mm > 59 || ss > 60) continue;
    if (auto date = make(number(i + 4, 4), number(i + 2, 2), number(i, 2))) return date;
    if (auto date = make(number(i, 4), number(i + 4, 2), number(i + 6, 2))) return date;
  }
  constexpr std::string_view kIso = "dddd-dd-dd";
  for (std::size_t i = 0; i + kIso.size() <= id.size(); ++i) {
    if (!bounded(i, kIso.size()) || !shaped(i, kIso)) continue;
    if (auto date = make(number(i, 4), number(i + 5, 2), number(i + 8, 2))) return date;
  }
  return std::nullopt;
}

}  // namespace diplograph::text
