// GDELT 1.0 and 2.0 event files: one event a line, tab-separated, no header. Speed matters
// (a day of GDELT 1.0 back files is millions of rows), so a line is split once into views on
// the mapped bytes and only the dozen columns we use are looked at.
#include <array>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "diplograph/io/event_files.hpp"
#include "read_event_common.hpp"

namespace diplograph::io {

namespace {

// Column positions (0-based) shared by every layout.
constexpr std::size_t kEventId = 0;
constexpr std::size_t kSqlDate = 1;
constexpr std::size_t kActor1Code = 5;
constexpr std::size_t kActor1Name = 6;
constexpr std::size_t kActor2Code = 15;
constexpr std::size_t kActor2Name = 16;
constexpr std::size_t kEventCode = 26;
constexpr std::size_t kQuadClass = 29;
constexpr std::size_t kGoldstein = 30;
constexpr std::size_t kMaxColumns = 61;

bool is_actor_code(std::string_view code) {
  for (unsigned char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
      return false;
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Splits `line` on tabs into `fields`; returns the number of columns (capped at kMaxColumns+1,
// which means "too many"). A plain byte loop: fields are short (a few bytes each), where a
// memchr call per field costs more than it saves.
std::size_t split_tabs(std::string_view line, std::array<std::string_view, kMaxColumns + 1>& fields) {
  std::size_t n = 0;
  std::size_t start = 0;
  const char* p = line.data();
  const std::size_t size = line.size();
  for (std::size_t i = 0; i < size; ++i) {
    if (p[i] != '\t') continue;
    if (n == kMaxColumns) return n + 1;
    fields[n++] = std::string_view(p + start, i - start);
    start = i + 1;
  }
  if (n > kMaxColumns) return n + 1;
  fields[n++] = std::string_view(p + start, size - start);
  return n;
}

std::string shorten(std::string_view s) {
  if (s.size() <= 40) return std::string(s);
  return std::string(s.substr(0, 37)) + "...";
}

}  // namespace

EventFileResult read_gdelt(std::string_view text, std::string_view file,
                           const EventFileOptions& options) {
  EventFileResult result;
  detail::ErrorSink errors(file, options.max_errors);
  detail::ActorTable actors;
  std::vector<Event> events;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;
  const std::string_view where = detail::base_name(file);

  // The layout: from the option, else from the first non-empty line's column count.
  std::optional<EventFileFormat> format = options.format;
  if (!format) format = detect_event_file(text.substr(0, 1 << 16));
  const bool v2 = format != EventFileFormat::gdelt1;
  result.format = v2 ? EventFileFormat::gdelt2 : EventFileFormat::gdelt1;
  // Reserve for every line (memchr counts them at memory speed): no regrowth, no second copy.
  std::size_t lines = 1;
  for (const char* p = text.data(); (p = static_cast<const char*>(std::memchr(
                                         p, '\n', static_cast<std::size_t>(text.data() + text.size() - p))));
       ++p)
    ++lines;
  events.reserve(lines);
  ends.reserve(lines);

  std::array<std::string_view, kMaxColumns + 1> f;
  detail::LineCursor cursor(text);
  std::string_view line;
  std::size_t number = 0;
  std::size_t offset = 0;
  std::size_t unknown_index = SIZE_MAX;
  while (cursor.next(line, number, offset)) {
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // UTF-8 BOM
    if (line.empty()) continue;
    const std::size_t columns = split_tabs(line, f);
    if (number == 1 && f[0] == "GLOBALEVENTID") continue;  // a header row added by the user
    ++result.rows;
    if (v2 ? columns != 61 : (columns != 57 && columns != 58)) {
      errors.add(number, offset,
                 fmt::format("expected {} tab-separated columns ({}), found {}",
                             v2 ? "61" : "57 or 58", v2 ? "GDELT 2.0" : "GDELT 1.0",
                             columns > kMaxColumns ? fmt::format("more than {}", kMaxColumns)
                                                   : fmt::format("{}", columns)));
      continue;
    }
    if (!all_digits(f[kEventId])) {
      errors.add(number, offset, fmt::format("bad GLOBALEVENTID '{}'", shorten(f[kEventId])));
      continue;
    }
    const auto date = f[kSqlDate].size() == 8 ? Date::parse(f[kSqlDate]) : std::nullopt;
    if (!date) {
      errors.add(number, offset, fmt::format("bad SQLDATE '{}' (want YYYYMMDD)", shorten(f[kSqlDate])));
      continue;
    }
    const int root = detail::cameo_root(f[kEventCode]);
    if (root == 0) {
      errors.add(number, offset, fmt::format("bad EventCode '{}' (want a CAMEO code, 2-4 digits)",
                                             shorten(f[kEventCode])));
      continue;
    }
    if (!is_actor_code(f[kActor1Code]) || !is_actor_code(f[kActor2Code])) {
      errors.add(number, offset,
                 fmt::format("bad actor code '{}'",
                             shorten(is_actor_code(f[kActor1Code]) ? f[kActor2Code] : f[kActor1Code])));
      continue;
    }
    double goldstein = 0.0;
    if (!detail::parse_double(f[kGoldstein], goldstein) || goldstein < -10.0 || goldstein > 10.0) {
      errors.add(number, offset,
                 fmt::format("bad GoldsteinScale '{}' (want -10..10)", shorten(f[kGoldstein])));
      continue;
    }
    int quad = detail::quad_of_root(root);
    if (!f[kQuadClass].empty()) {
      if (f[kQuadClass].size() != 1 || f[kQuadClass][0] < '1' || f[kQuadClass][0] > '4') {
        errors.add(number, offset, fmt::format("bad QuadClass '{}' (want 1-4)", shorten(f[kQuadClass])));
        continue;
      }
      quad = f[kQuadClass][0] - '0';
    }
    const bool one_sided = f[kActor1Code].empty() || f[kActor2Code].empty();
    if (one_sided && options.one_sided == OneSidedRows::skip) {
      ++result.one_sided;
      continue;
    }

    auto side = [&](std::string_view code, std::string_view name) -> std::uint32_t {
      if (!code.empty()) return static_cast<std::uint32_t>(actors.from_code(code, name));
      if (unknown_index == SIZE_MAX) {
        Actor unknown;
        unknown.id = "unknown";
        unknown.name = "unknown";
        unknown.kind = ActorKind::other;
        unknown_index = actors.intern(std::move(unknown), {});
      }
      return static_cast<std::uint32_t>(unknown_index);
    };
    const std::uint32_t s = side(f[kActor1Code], f[kActor1Name]);
    const std::uint32_t t = side(f[kActor2Code], f[kActor2Name]);

    Event& e = events.emplace_back();
    e.source.code = std::string(f[kActor1Code]);
    e.target.code = std::string(f[kActor2Code]);
    e.cameo = std::string(f[kEventCode]);
    e.root = std::string(f[kEventCode].substr(0, 2));
    e.quad = quad;
    e.goldstein = goldstein;
    e.date = date;
    const std::string_view url = columns == 61 ? f[60] : columns == 58 ? f[57] : std::string_view{};
    Provenance& p = e.provenance.emplace_back();
    p.doc.reserve(6 + f[kEventId].size());
    p.doc.append("gdelt:").append(f[kEventId]);
    p.evidence = url.empty() ? fmt::format("{}:{}", where, number)
                             : fmt::format("{}:{} {}", where, number, url);
    ends.emplace_back(s, t);
    ++result.loaded;
  }
  actors.finish(events, ends, result.graph);
  errors.finish(result);
  return result;
}

}  // namespace diplograph::io
