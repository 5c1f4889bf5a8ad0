// Private helpers shared by the exporters (src/io/write_*.cpp): escaping for XML, JSON and CSV,
// number formatting, and the per-actor facts several formats need (affiliated state, first
// event date). Not a public header: no other stage includes it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "diplograph/io/export.hpp"
#include "diplograph/model.hpp"

namespace diplograph::io::detail {

enum class XmlPlace { text, attribute };

// Appends `s` escaped for XML 1.0. In attributes, tab, CR and LF become character references so
// attribute-value normalisation cannot turn them into spaces. Control characters XML 1.0 cannot
// carry at all become U+FFFD.
inline void append_xml(std::string& out, std::string_view s, XmlPlace place) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += place == XmlPlace::attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += place == XmlPlace::attribute ? "&#9;" : "\t"; break;
      default:
        if (c < 0x20 || c == 0x7f)
          out += "\xEF\xBF\xBD";
        else
          out += ch;
    }
  }
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

// Shortest text that reads back as the same double ("3.4", "-10", "0.5").
inline void append_number(std::string& out, double value) {
  fmt::format_to(std::back_inserter(out), "{}", value);
}
inline void append_number(std::string& out, std::size_t value) {
  fmt::format_to(std::back_inserter(out), "{}", value);
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
inline std::string dominant_root(const Dyad& dyad) {
  std::string best;
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
