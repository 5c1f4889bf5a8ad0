#include "read_event_common.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>
#include <numeric>
#include <utility>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "diplograph/lexicon/embedded.hpp"

namespace diplograph::io::detail {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// CAMEO country codes that are not ISO 3166-1 alpha-3 (older CAMEO releases and GDELT).
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kCameoCountries = {{
    {"ROM", "ROU"}, {"ZAR", "COD"}, {"TMP", "TLS"}, {"KOS", "XKX"},
}};

// Country spellings ICEWS (and news) use that iso-codes does not list.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kCountryAliases = {{
    {"turkey", "TUR"},
    {"swaziland", "SWZ"},
    {"cote d'ivoire", "CIV"},
    {"ivory coast", "CIV"},
    {"democratic republic of congo", "COD"},
    {"democratic republic of the congo", "COD"},
    {"republic of congo", "COG"},
    {"the former yugoslav republic of macedonia", "MKD"},
    {"macedonia", "MKD"},
    {"occupied palestinian territory", "PSE"},
    {"palestine", "PSE"},
    {"holy see", "VAT"},
    {"vatican", "VAT"},
    {"czech republic", "CZE"},
    {"kosovo", "XKX"},
    {"burma", "MMR"},
}};

// Calls `row` with the tab-separated fields of each data line of an embedded table (comments,
// blank lines and the header skipped); nothing when the table is not embedded.
template <class F>
void for_each_row(std::string_view path, F&& row) {
  const auto text = lexicon::embedded_file(path);
  if (!text) return;
  bool header = true;
  std::string_view rest = *text;
  std::vector<std::string_view> fields;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty() || line.starts_with('#')) continue;
    if (header) {
      header = false;
      continue;
    }
    fields.clear();
    while (true) {
      const auto tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    row(fields);
  }
}

std::vector<std::string_view> split_list(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const auto bar = list.find('|');
    if (list.substr(0, bar) != "-") out.push_back(list.substr(0, bar));
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace

CountryTable::CountryTable() {
  auto json = lexicon::embedded_file("iso-codes/iso_3166-1.json");
  assert(json && "iso-codes is embedded at build time");
  rapidjson::Document doc;
  doc.Parse(json->data(), json->size());
  assert(!doc.HasParseError());
  const auto& list = doc["3166-1"];
  for (const auto& entry : list.GetArray()) {
    if (!entry.HasMember("alpha_3")) continue;
    std::string iso = entry["alpha_3"].GetString();
    m_by_code.emplace(iso, iso);
    std::string display;
    for (const char* key : {"name", "common_name", "official_name"}) {
      if (!entry.HasMember(key)) continue;
      std::string_view value = entry[key].GetString();
      m_by_name.emplace(lower_ascii(value), iso);
      if (std::string_view(key) != "official_name") display = value;  // common beats name
    }
    m_names.emplace(iso, display);
  }
  // The lexicon's own states table (data/actors/states.tsv): CAMEO's codes where they differ
  // from ISO (ROM, ZAR, KOS...) and the display names the extractor uses, so GDELT's and the
  // text's actors get the same id and name.
  for_each_row("actors/states.tsv", [&](const std::vector<std::string_view>& f) {
    if (f.size() < 3 || f[0].size() != 3) return;
    const std::string iso(f[0]);
    m_by_code.emplace(iso, iso);
    if (f[1] != "-" && !f[1].empty()) m_by_code[std::string(f[1])] = iso;
    bool first = true;
    for (std::string_view name : split_list(f[2])) {
      if (first) m_names[iso] = std::string(name);
      first = false;
      m_by_name.emplace(lower_ascii(name), iso);
    }
  });
  for (auto [code, iso] : kCameoCountries) m_by_code.emplace(std::string(code), std::string(iso));
  m_names.emplace("XKX", "Kosovo");
  for (auto [name, iso] : kCountryAliases) m_by_name.emplace(std::string(name), std::string(iso));
  // IGOs (data/actors/igos.tsv): CAMEO code -> id key and display name.
  for_each_row("actors/igos.tsv", [&](const std::vector<std::string_view>& f) {
    if (f.size() < 3 || !f[0].starts_with("IGO")) return;
    m_igos[std::string(f[0])].push_back({std::string(f[1]), std::string(f[2])});
  });
}

std::optional<CountryTable::Igo> CountryTable::igo(std::string_view code) const {
  auto it = m_igos.find(code);
  if (it == m_igos.end()) return std::nullopt;
  // Several IGOs share a code (UN agencies are IGOUNO): the one keyed like the code wins.
  const std::string_view last = code.substr(code.size() - 3);
  for (const auto& igo : it->second)
    if (igo.key == last) return igo;
  if (it->second.size() == 1) return it->second.front();
  return std::nullopt;
}

const CountryTable& CountryTable::instance() {
  static const CountryTable table;
  return table;
}

std::string_view CountryTable::iso_from_code(std::string_view code3) const {
  auto it = m_by_code.find(code3);
  return it == m_by_code.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view CountryTable::iso_from_name(std::string_view name) const {
  auto it = m_by_name.find(lower_ascii(name));
  return it == m_by_name.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view CountryTable::name_of(std::string_view iso) const {
  auto it = m_names.find(iso);
  return it == m_names.end() ? std::string_view{} : std::string_view(it->second);
}

// The same kinds and words as the extractor's (src/extract/actor_recognizer.cpp), so a CAMEO
// code read from GDELT names the same actor as the text coder's "Japanese officials".
ActorKind kind_of_role(std::string_view role) {
  if (role == "GOV") return ActorKind::government;
  if (role == "MIL" || role == "SPY" || role == "UAF") return ActorKind::military;
  if (role == "LEG") return ActorKind::legislature;
  if (role == "JUD") return ActorKind::judiciary;
  if (role == "PTY" || role == "OPP") return ActorKind::party;
  if (role == "BUS" || role == "MNC") return ActorKind::company;
  if (role == "MED") return ActorKind::media;
  if (role == "IGO") return ActorKind::igo;
  return ActorKind::group;  // CVL, COP, EDU, LAB, REL, HLH, CRM, REB, ethnic and religious codes
}

std::string_view role_word(std::string_view role) {
  struct Word {
    std::string_view role, word;
  };
  static constexpr std::array<Word, 15> kWords = {{
      {"GOV", "government"}, {"MIL", "military"},    {"LEG", "legislature"},
      {"JUD", "judiciary"},  {"PTY", "party"},       {"BUS", "business"},
      {"MED", "media"},      {"OPP", "opposition"},  {"REB", "rebels"},
      {"CVL", "civilians"},  {"COP", "police"},      {"SPY", "intelligence"},
      {"LAB", "labour"},     {"SEP", "separatists"}, {"ELI", "elite"},
  }};
  for (const auto& w : kWords)
    if (w.role == role) return w.word;
  return {};
}

std::string slug(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool dash = false;
  for (unsigned char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (c >= 'A' && c <= 'Z') {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c - 'A' + 'a');
    } else if (keep) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c);
    } else {
      dash = true;
    }
  }
  return out;
}

int quad_of_root(int root) {
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}

int cameo_root(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return 0;
  for (char c : code)
    if (c < '0' || c > '9') return 0;
  const int root = (code[0] - '0') * 10 + (code[1] - '0');
  return root >= 1 && root <= 20 ? root : 0;
}

bool parse_double(std::string_view text, double& out) {
  if (text.empty()) return false;
  const char* first = text.data();
  if (*first == '+') ++first;
  auto [p, ec] = std::from_chars(first, text.data() + text.size(), out);
  return ec == std::errc{} && p == text.data() + text.size() && std::isfinite(out);
}

void ErrorSink::add(std::size_t line, std::size_t offset, std::string message) {
  ++m_count;
  if (m_errors.size() < m_max) m_errors.push_back(Error{m_file, line, offset, std::move(message)});
}

void ErrorSink::finish(EventFileResult& result) {
  result.error_count = m_count;
  result.errors = std::move(m_errors);
  if (m_count > result.errors.size())
    result.errors.push_back(Error{m_file, 0, 0,
                                  fmt::format("{} more broken rows not listed",
                                              m_count - result.errors.size())});
}

Actor actor_from_code_impl(std::string_view code, std::string_view name) {
  const auto& countries = CountryTable::instance();
  std::string upper(code);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  Actor a;
  a.code = std::string(code);
  a.name = std::string(name);
  const std::string_view head = std::string_view(upper).substr(0, 3);
  if (head == "IGO" && upper.size() >= 6) {
    a.kind = ActorKind::igo;
    if (auto igo = countries.igo(upper)) {
      a.id = "igo/" + igo->key;
      a.name = igo->name;
    } else {
      a.id = "igo/" + upper.substr(upper.size() - 3);
    }
    return a;
  }
  const std::string_view iso = upper.size() >= 3 ? countries.iso_from_code(head) : std::string_view{};
  if (!iso.empty()) {
    a.country = std::string(iso);
    if (upper.size() == 3) {
      a.kind = ActorKind::state;
      a.id = "state/" + a.country;
      a.name = std::string(countries.name_of(iso));
      return a;
    }
    const std::string_view role = std::string_view(upper).substr(3, 3);
    a.kind = kind_of_role(role);
    // A state's role as a whole (JPNGOV): the extractor's org/JPN/government. Longer codes
    // (USAGOVLEG, or a dataset's per-person codes) stay apart under code/.
    if (upper.size() == 6 && !role_word(role).empty()) {
      a.id = fmt::format("org/{}/{}", a.country, role_word(role));
      return a;
    }
  } else if (head == "MNC") {
    a.kind = ActorKind::company;
    if (upper.size() >= 6) a.country = std::string(countries.iso_from_code(std::string_view(upper).substr(3, 3)));
  } else {
    a.kind = upper.size() >= 3 ? kind_of_role(head) : ActorKind::other;
  }
  a.id = "code/" + std::string(code);
  return a;
}

std::size_t ActorTable::from_code(std::string_view code, std::string_view name) {
  auto it = m_by_code.find(code);
  std::size_t index;
  if (it != m_by_code.end()) {
    index = it->second;
  } else {
    Actor actor = actor_from_code_impl(code, name);
    const bool fixed = actor.kind == ActorKind::state;
    index = intern(std::move(actor), {});
    m_actors[index].fixed_name = m_actors[index].fixed_name || fixed;
    m_by_code.emplace(std::string(code), index);
  }
  count_name(m_actors[index], name);
  return index;
}

std::size_t ActorTable::intern(Actor actor, std::string_view name) {
  auto it = m_by_id.find(actor.id);
  std::size_t index;
  if (it != m_by_id.end()) {
    index = it->second;
  } else {
    index = m_actors.size();
    m_by_id.emplace(actor.id, index);
    const bool fixed = actor.kind == ActorKind::state && !actor.name.empty();
    m_actors.push_back(Slot{std::move(actor), fixed, {}, {}, nullptr});
  }
  count_name(m_actors[index], name);
  return index;
}

void ActorTable::count_name(Slot& slot, std::string_view name) {
  if (slot.fixed_name || name.empty()) return;
  if (slot.last_count && name == slot.last_name) {
    ++*slot.last_count;
    return;
  }
  auto it = slot.names.find(name);
  if (it == slot.names.end()) it = slot.names.emplace(std::string(name), 0).first;
  ++it->second;
  // Keys and values of an unordered_map keep their address when it rehashes.
  slot.last_name = it->first;
  slot.last_count = &it->second;
}

void ActorTable::finish(std::vector<Event>& events,
                        const std::vector<std::pair<std::uint32_t, std::uint32_t>>& ends,
                        GraphData& graph) {
  for (auto& slot : m_actors) {
    if (slot.fixed_name || slot.names.empty()) continue;
    const std::pair<const std::string, std::size_t>* best = nullptr;
    for (const auto& entry : slot.names)
      if (!best || entry.second > best->second ||
          (entry.second == best->second && entry.first < best->first))
        best = &entry;
    slot.actor.name = best->first;
  }
  for (auto& slot : m_actors)
    if (slot.actor.name.empty()) slot.actor.name = slot.actor.code.empty() ? slot.actor.id : slot.actor.code;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Actor& s = m_actors[ends[i].first].actor;
    const Actor& t = m_actors[ends[i].second].actor;
    events[i].source.id = s.id;
    events[i].source.name = s.name;
    events[i].target.id = t.id;
    events[i].target.name = t.name;
    events[i].domestic = !s.country.empty() && s.country == t.country;
  }
  // Sort by date, source, target, cameo; ties keep file order. Keys are packed into integers
  // first (actor ids by rank, the 2-4 digit CAMEO code as 4 bytes), so no string is compared.
  std::vector<std::uint32_t> by_id(m_actors.size());
  std::iota(by_id.begin(), by_id.end(), 0U);
  std::sort(by_id.begin(), by_id.end(), [&](std::uint32_t a, std::uint32_t b) {
    return m_actors[a].actor.id < m_actors[b].actor.id;
  });
  std::vector<std::uint32_t> rank(m_actors.size());
  for (std::uint32_t r = 0; r < by_id.size(); ++r) rank[by_id[r]] = r;
  struct SortKey {
    std::uint64_t high;  // date (days + 2^31) << 32 | source rank
    std::uint64_t low;   // target rank << 32 | cameo bytes
    std::uint32_t index;
  };
  std::vector<SortKey> keys(events.size());
  for (std::uint32_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    // No date sorts first, as std::optional does.
    const std::uint64_t day =
        e.date ? static_cast<std::uint64_t>(static_cast<std::int64_t>(e.date->days_since_epoch()) +
                                            (std::int64_t{1} << 31) + 1)
               : 0;
    std::uint32_t cameo = 0;
    for (std::size_t k = 0; k < 4; ++k)
      cameo = (cameo << 8) | (k < e.cameo.size() ? static_cast<unsigned char>(e.cameo[k]) : 0U);
    keys[i] = {day << 32 | rank[ends[i].first], std::uint64_t{rank[ends[i].second]} << 32 | cameo, i};
  }
  std::sort(keys.begin(), keys.end(), [](const SortKey& a, const SortKey& b) {
    if (a.high != b.high) return a.high < b.high;
    if (a.low != b.low) return a.low < b.low;
    return a.index < b.index;
  });
  // Apply the order in place, cycle by cycle: one Event of scratch instead of a second vector.
  std::vector<std::uint32_t> order(events.size());
  for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
  keys.clear();
  keys.shrink_to_fit();
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    Event held = std::move(events[i]);
    std::size_t j = i;
    while (order[j] != i) {
      events[j] = std::move(events[order[j]]);
      const std::size_t next = order[j];
      order[j] = static_cast<std::uint32_t>(j);
      j = next;
    }
    events[j] = std::move(held);
    order[j] = static_cast<std::uint32_t>(j);
  }
  graph.events = std::move(events);
  events.clear();

  graph.actors.clear();
  graph.actors.reserve(m_actors.size());
  for (auto& slot : m_actors) graph.actors.push_back(std::move(slot.actor));
  std::sort(graph.actors.begin(), graph.actors.end(),
            [](const Actor& a, const Actor& b) { return a.id < b.id; });
  for (const Actor& a : graph.actors)
    if (!a.country.empty() && a.kind != ActorKind::state)
      graph.affiliations.push_back(Affiliation{a.id, "state/" + a.country});
  m_actors.clear();
  m_by_code.clear();
  m_by_id.clear();
}

bool LineCursor::next(std::string_view& line, std::size_t& number, std::size_t& offset) {
  if (m_pos >= m_text.size()) return false;
  const char* begin = m_text.data() + m_pos;
  const std::size_t left = m_text.size() - m_pos;
  const void* nl = std::memchr(begin, '\n', left);
  std::size_t len = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - begin) : left;
  offset = m_pos;
  m_pos += nl ? len + 1 : len;
  if (len > 0 && begin[len - 1] == '\r') --len;
  line = std::string_view(begin, len);
  number = ++m_line;
  return true;
}

std::string_view base_name(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace diplograph::io::detail

namespace diplograph::io {

Actor actor_from_cameo_code(std::string_view code, std::string_view name) {
  return detail::actor_from_code_impl(code, name);
}

std::string_view to_string(EventFileFormat format) {
  switch (format) {
    case EventFileFormat::gdelt1: return "gdelt1";
    case EventFileFormat::gdelt2: return "gdelt2";
    case EventFileFormat::icews: return "icews";
  }
  return "?";
}

}  // namespace diplograph::io
