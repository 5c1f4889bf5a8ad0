// A small graph for the exporter tests, built by hand: Japan, Taiwan, their leaders (each
// affiliated to its state), the UN, and one actor whose name and id are hostile to every
// format (quotes, backslashes, <b>, &, a newline, emoji, a trailing backslash).
#pragma once

#include <string>
#include <vector>

#include "diplograph/model.hpp"

namespace diplograph::test {

inline const std::string kHostileName = "Evil \"Quote\" <b>bold</b> & co\\\nline2 \xF0\x9F\x98\x80 \\";
inline const std::string kHostileId = "group/evil\"<b>&\\n";

inline Actor make_actor(std::string id, std::string name, std::string code, std::string country,
                        ActorKind kind, std::string title = {}) {
  Actor a;
  a.id = std::move(id);
  a.name = std::move(name);
  a.code = std::move(code);
  a.country = std::move(country);
  a.kind = kind;
  a.title = std::move(title);
  return a;
}

inline Event make_event(const Actor& s, const Actor& t, std::string cameo, int quad,
                        double goldstein, Date date, std::string evidence,
                        std::string doc = "doc-1", std::size_t sentence = 0) {
  Event e;
  e.source = {s.id, s.name, s.code};
  e.target = {t.id, t.name, t.code};
  e.cameo = cameo;
  e.root = cameo.substr(0, 2);
  e.quad = quad;
  e.goldstein = goldstein;
  e.date = date;
  e.domestic = !s.country.empty() && s.country == t.country;
  e.provenance.push_back({std::move(doc), sentence, {0, 10}, std::move(evidence)});
  return e;
}

inline GraphData sample_graph() {
  GraphData g;
  g.actors = {
      make_actor("igo/UNO", "United Nations", "IGOUNO", "", ActorKind::igo),
      make_actor(kHostileId, kHostileName, "TWNOPP", "TWN", ActorKind::group),
      make_actor("person/fumio-kishida", "Fumio Kishida", "JPNGOV", "JPN", ActorKind::person,
                 "Prime Minister"),
      make_actor("person/lai-ching-te", "Lai Ching-te", "TWNGOV", "TWN", ActorKind::person,
                 "President"),
      make_actor("state/JPN", "Japan", "JPN", "JPN", ActorKind::state),
      make_actor("state/TWN", "Taiwan", "TWN", "TWN", ActorKind::state),
  };
  g.actors[2].aliases = {"Kishida"};
  const auto& un = g.actors[0];
  const auto& evil = g.actors[1];
  const auto& kishida = g.actors[2];
  const auto& lai = g.actors[3];
  const auto& japan = g.actors[4];
  const auto& taiwan = g.actors[5];
  g.events = {
      make_event(lai, kishida, "051", 1, 3.4, {2024, 8, 16},
                 "President Lai Ching-te of Taiwan had previously thanked Kishida."),
      make_event(japan, taiwan, "042", 1, 1.9, {2024, 8, 17}, "Japan visited Taiwan."),
      make_event(japan, taiwan, "042", 1, 1.9, {2024, 8, 18}, "Japan visited Taiwan again.",
                 "doc-2", 3),
      make_event(taiwan, un, "112", 3, -2.0, {2024, 8, 19}, "Taiwan accused the UN."),
      make_event(evil, japan, "190", 4, -10.0, {2024, 8, 20},
                 "Evil said \"<script>alert(1)</script>\" & left\\\nnew line"),
  };
  g.events[1].provenance.push_back({"doc-3", 1, {5, 9}, "Reported again."});
  g.affiliations = {{"person/fumio-kishida", "state/JPN"}, {"person/lai-ching-te", "state/TWN"}};
  return g;
}

// The dyads of sample_graph(), as graph/ aggregates them (written out by hand).
inline std::vector<Dyad> sample_dyads() {
  std::vector<Dyad> d(4);
  d[0].source = kHostileId;
  d[0].target = "state/JPN";
  d[0].count = 1;
  d[0].goldstein_sum = d[0].goldstein_mean = -10.0;
  d[0].quad_count[3] = 1;
  d[0].root_count = {{"19", 1}};
  d[0].first = d[0].last = Date{2024, 8, 20};
  d[1].source = "person/lai-ching-te";
  d[1].target = "person/fumio-kishida";
  d[1].count = 1;
  d[1].goldstein_sum = d[1].goldstein_mean = 3.4;
  d[1].quad_count[0] = 1;
  d[1].root_count = {{"05", 1}};
  d[1].first = d[1].last = Date{2024, 8, 16};
  d[2].source = "state/JPN";
  d[2].target = "state/TWN";
  d[2].count = 2;
  d[2].goldstein_sum = 3.8;
  d[2].goldstein_mean = 1.9;
  d[2].quad_count[0] = 2;
  d[2].root_count = {{"04", 2}};
  d[2].first = Date{2024, 8, 17};
  d[2].last = Date{2024, 8, 18};
  d[3].source = "state/TWN";
  d[3].target = "igo/UNO";
  d[3].count = 1;
  d[3].goldstein_sum = d[3].goldstein_mean = -2.0;
  d[3].quad_count[2] = 1;
  d[3].root_count = {{"11", 1}};
  d[3].first = d[3].last = Date{2024, 8, 19};
  return d;
}

inline std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size()))
    ++n;
  return n;
}

}  // namespace diplograph::test
