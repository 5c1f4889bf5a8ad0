// Private helpers shared by the exporters (src/io/write_*.cpp): escaping for XML, JSON and CSV,
// number formatting, and the per-actor facts several formats need (affiliated state, first
// event date). Not a public header: no other stage includes it.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <sys/stat.h>

#include <fmt/format.h>

#include "diplograph/io/export.hpp"
#include "diplograph/model.hpp"

namespace diplograph::io::detail {

// Where a writer's text goes: kept whole in `text` (the std::string API), or, when `file` is
// set, flushed to it each time it passes kChunk, so a million-edge export never sits in memory.
struct Sink {
  static constexpr std::size_t kChunk = std::size_t{1} << 20;
  std::string text;
  std::FILE* file = nullptr;
  bool failed = false;

  void flush() {
    if (!file || text.empty()) return;
    if (std::fwrite(text.data(), 1, text.size(), file) != text.size()) failed = true;
    text.clear();
  }
  void maybe_flush() {
    if (file && text.size() >= kChunk) flush();
  }
  // Reserves room for the whole output when it is kept in memory.
  void reserve(std::size_t bytes) {
    text.reserve(file ? kChunk + 64 * 1024 : bytes);
  }
};

// The streaming forms of the writers in export.hpp.
void write_graphml_to(const ExportGraph& input, CameoNamer cameo_name, Sink& sink);
void write_gexf_to(const ExportGraph& input, CameoNamer cameo_name, Sink& sink);
void write_cytoscape_to(const ExportGraph& input, CameoNamer cameo_name, Sink& sink);
void write_csv_to(const ExportGraph& input, CameoNamer cameo_name, Sink& nodes, Sink& edges);
void write_events_to(const GraphData& graph, Sink& sink);
void write_dot_to(const ExportGraph& input, const DotOptions& options, Sink& sink);

// True when `path` exists and is neither a regular file nor a directory: a character device
// (/dev/null, /dev/full, a terminal) or a FIFO. The writers write such a target in place: renaming
// a temporary file over it would replace the device with a regular file (as root, /dev/full
// itself), and a pipe has no "half-written file" to protect.
inline bool is_special_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

enum class XmlPlace { text, attribute };

// Appends `s` escaped for XML 1.0. In attributes, tab, CR and LF become character references so
// attribute-value normalisation cannot turn them into spaces. Control characters XML 1.0 cannot
// carry at all become U+FFFD. Runs of ordinary bytes are copied in one append: this is the
// inner loop of every XML writer at a million edges.
inline void append_xml(std::string& out, std::string_view s, XmlPlace place) {
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = true;
    for (unsigned char c : {'&', '<', '>', '"', '\'', '\x7f'}) table[c] = true;
    return table;
  }();
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!kSpecial[c]) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += place == XmlPlace::attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += place == XmlPlace::attribute ? "&#9;" : "\t"; break;
      default: out += "\xEF\xBF\xBD";
    }
  }
  out.append(s.data() + run, s.size() - run);
}

// append_xml() into a buffer the caller has made room in (6 bytes per byte of `s` at most):
// returns the end of what it wrote. The writers' per-edge fast path, with no size checks.
inline char* put_xml(char* p, std::string_view s, XmlPlace place) {
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = true;
    for (unsigned char c : {'&', '<', '>', '"', '\'', '\x7f'}) table[c] = true;
    return table;
  }();
  auto put = [&p](const char* text, std::size_t n) {
    std::memcpy(p, text, n);
    p += n;
  };
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!kSpecial[c]) continue;
    put(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '&': put("&amp;", 5); break;
      case '<': put("&lt;", 4); break;
      case '>': put("&gt;", 4); break;
      case '"': put("&quot;", 6); break;
      case '\'': put("&apos;", 6); break;
      case '\n': place == XmlPlace::attribute ? put("&#10;", 5) : put("\n", 1); break;
      case '\r': put("&#13;", 5); break;
      case '\t': place == XmlPlace::attribute ? put("&#9;", 4) : put("\t", 1); break;
      default: put("\xEF\xBF\xBD", 3);
    }
  }
  put(s.data() + run, s.size() - run);
  return p;
}

// "2024-08-16" into a buffer with room for 16 bytes, the same text as append_date().
inline char* put_date(char* p, const Date& date) {
  if (date.year < 0 || date.year > 9999 || date.month < 0 || date.month > 99 || date.day < 0 ||
      date.day > 99)
    return fmt::format_to_n(p, 16, "{:04}-{:02}-{:02}", date.year, date.month, date.day).out;
  const auto two = [&p](int v) {
    *p++ = static_cast<char>('0' + v / 10);
    *p++ = static_cast<char>('0' + v % 10);
  };
  two(date.year / 100);
  two(date.year % 100);
  *p++ = '-';
  two(date.month);
  *p++ = '-';
  two(date.day);
  return p;
}

// Appends `s` as a JSON string literal, quotes included.
inline void append_json(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20)
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        else
          out += ch;
    }
  }
  out += '"';
}

// Appends a CSV field, quoted (RFC 4180) when it holds a comma, quote, CR or LF, or starts or
// ends with a space.
inline void append_csv(std::string& out, std::string_view s) {
  const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) {
    out += s;
    return;
  }
  out += '"';
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

// Shortest text that reads back as the same double ("3.4", "-10", "0.5"), through a stack
// buffer rather than a back_inserter (a byte at a time).
inline void append_number(std::string& out, double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}
inline void append_number(std::string& out, std::size_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}
// "2024-08-16" without a temporary string.
inline void append_date(std::string& out, const Date& date) {
  char buffer[16];
  const auto end = fmt::format_to_n(buffer, sizeof buffer, "{:04}-{:02}-{:02}", date.year,
                                    date.month, date.day).out;
  out.append(buffer, static_cast<std::size_t>(end - buffer));
}

inline std::string date_text(const std::optional<Date>& date) {
  return date ? date->iso() : std::string{};
}

// The display name of a CAMEO code, or the code itself.
inline std::string cameo_label(CameoNamer namer, std::string_view cameo) {
  if (namer) {
    if (auto name = namer(cameo)) return *name;
  }
  return std::string(cameo);
}

// cameo_label() with a cache: a million edges share a few hundred codes.
class CameoLabels {
 public:
  explicit CameoLabels(CameoNamer namer) : m_namer(namer) {}
  const std::string& operator()(std::string_view cameo) {
    if (cameo.empty()) return m_empty;
    auto it = m_cache.find(cameo);
    if (it == m_cache.end())
      it = m_cache.emplace(std::string(cameo), cameo_label(m_namer, cameo)).first;
    return it->second;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  CameoNamer m_namer;
  std::string m_empty;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> m_cache;
};

// The QuadClass most of a dyad's events fall in (the lower class on ties); 0 when none.
inline int dominant_quad(const Dyad& dyad) {
  int best = 0;
  std::size_t best_count = 0;
  for (int q = 0; q < 4; ++q) {
    if (dyad.quad_count[q] > best_count) {
      best_count = dyad.quad_count[q];
      best = q + 1;
    }
  }
  return best;
}

// The root CAMEO code most of a dyad's events have (first in order on ties); empty when none.
inline std::string_view dominant_root(const Dyad& dyad) {
  std::string_view best;
  std::size_t best_count = 0;
  for (const auto& [root, count] : dyad.root_count) {
    if (count > best_count) {
      best_count = count;
      best = root;
    }
  }
  return best;
}

// "04:12 05:3": a dyad's events per root code, in root order.
inline std::string roots_text(const Dyad& dyad) {
  std::string out;
  for (const auto& [root, count] : dyad.root_count) {
    if (!out.empty()) out += ' ';
    fmt::format_to(std::back_inserter(out), "{}:{}", root, count);
  }
  return out;
}

// The state each member actor is affiliated to (actor id -> state actor id).
inline std::unordered_map<std::string_view, std::string_view> affiliation_map(
    const GraphData& graph) {
  std::unordered_map<std::string_view, std::string_view> out;
  out.reserve(graph.affiliations.size());
  for (const auto& a : graph.affiliations) out.emplace(a.member, a.state);
  return out;
}

// The earliest date of any edge touching each actor, for dynamic formats.
inline std::unordered_map<std::string_view, Date> first_dates(const ExportGraph& input) {
  std::unordered_map<std::string_view, Date> out;
  auto note = [&](std::string_view id, const std::optional<Date>& date) {
    if (!date) return;
    auto [it, inserted] = out.try_emplace(id, *date);
    if (!inserted && *date < it->second) it->second = *date;
  };
  if (input.edges == EdgeView::events) {
    for (const auto& e : input.graph.events) {
      note(e.source.id, e.date);
      note(e.target.id, e.date);
    }
  } else {
    for (const auto& d : input.dyads) {
      note(d.source, d.first);
      note(d.target, d.first);
    }
  }
  return out;
}

// The edge ids "e0", "e1", ... unless an actor id already uses that spelling, in which case
// the edge ids get a longer prefix ("e_0", "e__0", ...) until none collides.
inline std::string edge_id_prefix(const GraphData& graph) {
  std::string prefix = "e";
  for (;;) {
    bool clash = false;
    for (const auto& a : graph.actors) {
      if (a.id.size() > prefix.size() && a.id.starts_with(prefix) &&
          std::all_of(a.id.begin() + static_cast<std::ptrdiff_t>(prefix.size()), a.id.end(),
                      [](char c) { return c >= '0' && c <= '9'; })) {
        clash = true;
        break;
      }
    }
    if (!clash) return prefix;
    prefix += '_';
  }
}

// The provenance fields every event-level format writes.
struct EventEvidence {
  std::string_view doc;
  std::size_t sentence = 0;
  std::string_view evidence;
  std::size_t reports = 0;
};
inline EventEvidence evidence_of(const Event& e) {
  if (e.provenance.empty()) return {};
  const auto& p = e.provenance.front();
  return {p.doc, p.sentence, p.evidence, e.provenance.size()};
}

// The nodes to write: the graph's actors plus, for any id an edge names that the actor table
// lacks, a bare actor (name and code from the event) so that no edge points at nothing. By id.
struct ActorTable {
  std::vector<Actor> extra;
  std::vector<const Actor*> all;
};
inline ActorTable actor_table(const ExportGraph& input) {
  ActorTable table;
  std::unordered_set<std::string_view> known;
  known.reserve(input.graph.actors.size());
  for (const auto& a : input.graph.actors) known.insert(a.id);
  std::unordered_map<std::string_view, const ActorRef*> missing;
  auto check = [&](const std::string& id, const ActorRef* ref) {
    if (known.contains(id)) return;
    auto [it, inserted] = missing.try_emplace(id, ref);
    if (!inserted && !it->second) it->second = ref;
  };
  if (input.edges == EdgeView::events) {
    for (const auto& e : input.graph.events) {
      check(e.source.id, &e.source);
      check(e.target.id, &e.target);
    }
  } else {
    for (const auto& d : input.dyads) {
      check(d.source, nullptr);
      check(d.target, nullptr);
    }
  }
  table.extra.reserve(missing.size());
  for (const auto& [id, ref] : missing) {
    Actor a;
    a.id = std::string(id);
    a.name = ref ? ref->name : a.id;
    if (ref) a.code = ref->code;
    table.extra.push_back(std::move(a));
  }
  table.all.reserve(input.graph.actors.size() + table.extra.size());
  for (const auto& a : input.graph.actors) table.all.push_back(&a);
  for (const auto& a : table.extra) table.all.push_back(&a);
  std::sort(table.all.begin(), table.all.end(),
            [](const Actor* x, const Actor* y) { return x->id < y->id; });
  return table;
}

}  // namespace diplograph::io::detail
