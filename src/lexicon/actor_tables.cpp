// Reading the actor tables (data/actors/*.tsv, users' --actors files, iso-codes' JSON) into an
// ActorLexicon::Builder, and compiling the builder into the matcher.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <rapidjson/document.h>

#include "actor_trie.hpp"
#include "diplograph/lexicon/actor_lexicon.hpp"
#include "diplograph/lexicon/embedded.hpp"

namespace diplograph::lexicon {

struct ActorLexicon::Builder::State {
  std::vector<ActorEntry> entries;
  std::vector<Phrase> phrases;
  std::unordered_map<std::string, std::uint32_t> phrase_index;  // words + case rules -> phrase
  std::vector<std::vector<std::string>> phrase_words_of;
  std::unordered_set<std::string> seen;  // phrase, type, id, code and title (add_phrase)
  std::vector<LeaderTerm> terms;
  std::map<std::string, StateInfo> states;
  std::map<std::string, std::string> country_codes;
};

ActorLexicon::Builder::Builder() : m_state(std::make_unique<State>()) {}
ActorLexicon::Builder::~Builder() = default;
ActorLexicon::Builder::Builder(Builder&&) noexcept = default;
ActorLexicon::Builder& ActorLexicon::Builder::operator=(Builder&&) noexcept = default;

namespace {



// The library runs in the "C" locale (nothing calls setlocale), where std::isupper, std::isalpha
// and std::tolower are these ASCII tests; written out, they cost no call per character.
bool ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool ascii_alpha(unsigned char c) { return ascii_upper(c) || (c >= 'a' && c <= 'z'); }
char ascii_lower(char c) { return ascii_upper(static_cast<unsigned char>(c)) ? static_cast<char>(c + ('a' - 'A')) : c; }

int case_rule_of(std::string_view word) {
  const auto first = static_cast<unsigned char>(word.front());
  if (!ascii_upper(first)) return 0;
  std::size_t letters = 0;
  bool all_upper = true;
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (ascii_alpha(u)) {
      ++letters;
      if (!ascii_upper(u)) all_upper = false;
    }
  }
  return (all_upper && letters >= 2) ? 2 : 1;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (true) {
    const auto j = s.find(sep, i);
    out.push_back(trim(s.substr(i, j == std::string_view::npos ? j : j - i)));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

std::vector<std::string_view> list(std::string_view field) {
  std::vector<std::string_view> out;
  if (field.empty() || field == "-") return out;
  for (auto item : split(field, '|'))
    if (!item.empty()) out.push_back(item);
  return out;
}

bool is_country_code(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isupper(static_cast<unsigned char>(c));
         });
}

std::optional<ActorKind> role_kind(std::string_view role) {
  if (role == "GOV") return ActorKind::government;
  if (role == "MIL" || role == "SPY") return ActorKind::military;
  if (role == "LEG") return ActorKind::legislature;
  if (role == "JUD") return ActorKind::judiciary;
  if (role == "PTY") return ActorKind::party;
  if (role == "BUS") return ActorKind::company;
  if (role == "MED") return ActorKind::media;
  return ActorKind::group;
}

ActorEntry make_entry(ActorEntryType type, std::string country, std::string code, std::string name,
                      std::string id, ActorKind kind, RoleUse use = RoleUse::body) {
  ActorEntry e;
  e.type = type;
  e.country = std::move(country);
  e.code = std::move(code);
  e.name = std::move(name);
  e.id = std::move(id);
  e.kind = kind;
  e.use = use;
  return e;
}

std::string title_case(std::string_view s) {
  std::string out(s);
  bool start = true;
  for (char& c : out) {
    if (start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    start = c == ' ' || c == '-';
  }
  return out;
}

}  // namespace

void ActorLexicon::Builder::add_phrase(std::string_view phrase, ActorEntry entry) {
  State& st = *m_state;
  auto surface = phrase_words(phrase);
  if (surface.empty()) return;
  // The key: each word's lower case, its case rule and, for a word in capitals, its spelling.
  std::string key;
  std::vector<CaseRule> rules;
  std::vector<std::string> lowers;
  rules.reserve(surface.size());
  lowers.reserve(surface.size());
  for (const auto& w : surface) {
    const int rule = case_rule_of(w);
    rules.push_back(static_cast<CaseRule>(rule));
    lowers.push_back(lower_ascii(w));
    key += lowers.back();
    key += '\x1f';
    key += static_cast<char>('0' + rule);
    if (rule == 2) key += w;
    key += '\x1e';
  }
  auto [it, inserted] = st.phrase_index.try_emplace(std::move(key), static_cast<std::uint32_t>(st.phrases.size()));
  if (inserted) {
    Phrase p;
    p.rules = std::move(rules);
    p.surface = std::move(surface);
    st.phrases.push_back(std::move(p));
    st.phrase_words_of.push_back(std::move(lowers));
  }
  const std::uint32_t p = it->second;
  // One entry per (phrase, id, code, title, type): the phrase's number and the type lead the key.
  std::string seen;
  seen.reserve(6 + entry.id.size() + entry.code.size() + entry.title.size());
  seen.append(reinterpret_cast<const char*>(&p), sizeof p);
  seen += static_cast<char>(entry.type);
  seen.append(entry.id).append("\x1f").append(entry.code).append("\x1f").append(entry.title);
  if (!st.seen.insert(std::move(seen)).second) return;
  st.phrases[p].entries.push_back(static_cast<std::uint32_t>(st.entries.size()));
  st.entries.push_back(std::move(entry));
}

expected<void, Error> ActorLexicon::Builder::add_builtin() {
  // Debian's iso-codes first: every state's ISO name, common and official names.
  const auto iso = embedded_file("iso-codes/iso_3166-1.json");
  if (!iso) return unexpected(Error{"iso-codes/iso_3166-1.json", 0, 0, "not embedded"});
  rapidjson::Document json;
  json.Parse(iso->data(), iso->size());
  if (json.HasParseError() || !json.IsObject() || !json.HasMember("3166-1"))
    return unexpected(Error{"iso-codes/iso_3166-1.json", 0, 0, "not the iso-codes layout"});
  for (const auto& c : json["3166-1"].GetArray()) {
    if (!c.HasMember("alpha_3") || !c.HasMember("name")) continue;
    const std::string iso3 = c["alpha_3"].GetString();
    StateInfo& info = m_state->states[iso3];
    info.iso3 = iso3;
    info.name = c.HasMember("common_name") ? c["common_name"].GetString() : c["name"].GetString();
    m_state->country_codes[iso3] = iso3;
    for (const char* field : {"name", "common_name", "official_name"}) {
      if (!c.HasMember(field)) continue;
      std::string_view name = c[field].GetString();
      if (name.find(',') != std::string_view::npos) continue;  // "Korea, Republic of"
      if (name.starts_with("the ")) name.remove_prefix(4);
      ActorEntry e = make_entry(ActorEntryType::state, iso3, iso3, std::string(info.name), "state/" + iso3,
                   ActorKind::state);
      add_phrase(name, std::move(e));
    }
  }
  // Then the project's tables, states first (the others refer to its codes).
  static constexpr std::string_view kOrder[] = {"actors/states.tsv",   "actors/igos.tsv",
                                                "actors/roles.tsv",    "actors/organisations.tsv",
                                                "actors/leaders.tsv",  "actors/places.tsv"};
  for (std::string_view name : kOrder) {
    const auto text = embedded_file(name);
    if (!text) return unexpected(Error{std::string(name), 0, 0, "not embedded"});
    if (auto ok = add_table(name, *text); !ok) return ok;
  }
  return {};
}

expected<void, Error> ActorLexicon::Builder::add_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(Error{path, 0, 0, "cannot open the actor dictionary"});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return add_table(path, buffer.str());
}

expected<void, Error> ActorLexicon::Builder::add_table(std::string_view file_name,
                                                            std::string_view contents) {
  State& st = *m_state;
  enum class Table { none, states, igos, roles, organisations, leaders, places } table = Table::none;
  std::size_t header_columns = 0;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  auto fail = [&](std::string message) {
    return unexpected(Error{std::string(file_name), line_no, 0, std::move(message)});
  };
  while (pos <= contents.size()) {
    auto end = contents.find('\n', pos);
    if (end == std::string_view::npos) end = contents.size();
    std::string_view line = contents.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || trim(line).front() == '#') {
      if (end == contents.size()) break;
      continue;
    }
    auto fields = split(line, '\t');
    if (table == Table::none) {
      const std::string header(line);
      if (header == "iso3\tcameo\tnames\tadjectives\tcapitals") table = Table::states;
      else if (header == "code\tkey\tname\taliases") table = Table::igos;
      else if (header == "phrase\trole\tuse\tkind\ttitle") table = Table::roles;
      else if (header == "code\tkind\tname\taliases") table = Table::organisations;
      else if (header == "country\toffice\tstart\tend\tname\taliases") table = Table::leaders;
      else if (header == "place") table = Table::places;
      else
        return fail("unknown actor table header (see docs/FORMATS.md, \"Actor dictionaries\"): " +
                    header);
      header_columns = fields.size();
      if (end == contents.size()) break;
      continue;
    }
    if (fields.size() > header_columns)
      return fail("expected at most " + std::to_string(header_columns) + " tab-separated fields, got " +
                  std::to_string(fields.size()));
    fields.resize(header_columns);
    switch (table) {
      case Table::none:
        break;
      case Table::states: {
        const std::string iso3(fields[0]);
        if (!is_country_code(iso3)) return fail("not a three-letter country code: " + iso3);
        StateInfo& info = st.states[iso3];
        info.iso3 = iso3;
        st.country_codes[iso3] = iso3;
        if (!fields[1].empty() && fields[1] != "-") {
          if (!is_country_code(fields[1])) return fail("not a CAMEO country code: " + std::string(fields[1]));
          st.country_codes[std::string(fields[1])] = iso3;
        }
        const auto names = list(fields[2]);
        const auto adjectives = list(fields[3]);
        if (!names.empty()) info.name = std::string(names.front());
        if (info.name.empty()) return fail("a state needs a name: " + iso3);
        if (!adjectives.empty() && info.adjective.empty()) info.adjective = std::string(adjectives.front());
        for (auto n : names)
          add_phrase(n, make_entry(ActorEntryType::state, iso3, iso3, info.name, "state/" + iso3, ActorKind::state));
        for (auto a : adjectives)
          add_phrase(a, make_entry(ActorEntryType::adjective, iso3, iso3, info.name, "state/" + iso3, ActorKind::state));
        for (auto c : list(fields[4]))
          add_phrase(c, make_entry(ActorEntryType::capital, iso3, iso3 + "GOV", info.name + " government",
                         "org/" + iso3 + "/government", ActorKind::government));
        break;
      }
      case Table::igos: {
        const std::string code(fields[0]);
        const std::string key(fields[1]);
        if (!code.starts_with("IGO") || code.size() < 6)
          return fail("an IGO code starts with IGO: " + code);
        if (key.empty() || fields[2].empty()) return fail("an IGO needs a key and a name");
        ActorEntry e = make_entry(ActorEntryType::igo, "", code, std::string(fields[2]), "igo/" + key, ActorKind::igo);
        add_phrase(fields[2], e);
        for (auto a : list(fields[3])) add_phrase(a, e);
        break;
      }
      case Table::roles: {
        const std::string role(fields[1]);
        if (role.size() != 3) return fail("a role is three capitals (GOV, MIL, ...): " + role);
        RoleUse use;
        if (fields[2] == "title") use = RoleUse::title;
        else if (fields[2] == "body") use = RoleUse::body;
        else if (fields[2] == "members") use = RoleUse::members;
        else return fail("use must be title, body or members: " + std::string(fields[2]));
        ActorKind kind = *role_kind(role);
        if (!fields[3].empty() && fields[3] != "-") {
          auto k = actor_kind_from_string(fields[3]);
          if (!k) return fail("unknown kind: " + std::string(fields[3]));
          kind = *k;
        }
        ActorEntry e = make_entry(ActorEntryType::role, "", role, std::string(fields[0]), "", kind, use);
        e.title = (fields[4].empty() || fields[4] == "-") ? title_case(fields[0]) : std::string(fields[4]);
        add_phrase(fields[0], std::move(e));
        break;
      }
      case Table::organisations: {
        const std::string code(fields[0]);
        if (code.size() < 3) return fail("an organisation needs a CAMEO code: " + code);
        auto kind = actor_kind_from_string(fields[1]);
        if (!kind) return fail("unknown kind: " + std::string(fields[1]));
        if (fields[2].empty()) return fail("an organisation needs a name");
        std::string country;
        if (auto c = st.country_codes.find(code.substr(0, 3)); c != st.country_codes.end())
          country = c->second;
        std::string normalised = country.empty() ? code : country + code.substr(3);
        const std::string id = country.empty() ? "org/" + slug(fields[2])
                                               : "org/" + country + "/" + slug(fields[2]);
        ActorEntry e = make_entry(ActorEntryType::organisation, country, normalised, std::string(fields[2]), id, *kind);
        add_phrase(fields[2], e);
        for (auto a : list(fields[3])) add_phrase(a, e);
        break;
      }
      case Table::leaders: {
        const std::string country(fields[0]);
        auto iso = st.country_codes.find(country);
        if (iso == st.country_codes.end()) return fail("unknown country code: " + country);
        auto start = Date::parse(fields[2]);
        if (!start) return fail("bad start date: " + std::string(fields[2]));
        std::optional<Date> finish;
        if (!fields[3].empty() && fields[3] != "-") {
          finish = Date::parse(fields[3]);
          if (!finish) return fail("bad end date: " + std::string(fields[3]));
          if (*finish < *start) return fail("a term ends before it starts");
        }
        if (fields[1].empty() || fields[4].empty()) return fail("a leader needs an office and a name");
        const std::string name(fields[4]);
        LeaderTerm term{"person/" + slug(name), name, iso->second, std::string(fields[1]), *start, finish};
        ActorEntry e = make_entry(ActorEntryType::leader, iso->second, iso->second, name, term.person_id, ActorKind::person);
        e.title = term.office;
        add_phrase(name, e);
        e.alias = true;
        for (auto a : list(fields[5])) add_phrase(a, e);
        st.terms.push_back(std::move(term));
        break;
      }
      case Table::places: {
        add_phrase(fields[0], make_entry(ActorEntryType::place, "", "", std::string(fields[0]), "", ActorKind::other));
        break;
      }
    }
    if (end == contents.size()) break;
  }
  if (table == Table::none) return unexpected(Error{std::string(file_name), 0, 0, "no header line"});
  return {};
}

std::shared_ptr<const ActorLexicon> ActorLexicon::Builder::compile() && {
  State& st = *m_state;
  auto lexicon = std::shared_ptr<ActorLexicon>(new ActorLexicon());
  Trie::Building building;
  std::vector<std::vector<std::uint32_t>> phrases_at;
  for (std::uint32_t p = 0; p < st.phrases.size(); ++p) {
    std::uint32_t node = 0;
    for (const auto& w : st.phrase_words_of[p]) node = building.add_child(node, w);
    if (phrases_at.size() <= node) phrases_at.resize(node + 1);
    phrases_at[node].push_back(p);
  }
  // At a node, try the strictest phrases first: exact capitals before capitalised before any.
  for (auto& phrases : phrases_at) {
    if (phrases.size() < 2) continue;  // most nodes end one phrase or none
    std::stable_sort(phrases.begin(), phrases.end(), [&](std::uint32_t a, std::uint32_t b) {
      auto strict = [&](std::uint32_t p) {
        int s = 0;
        for (auto r : st.phrases[p].rules) s += static_cast<int>(r);
        return s;
      };
      return strict(a) > strict(b);
    });
  }
  auto trie = std::make_shared<Trie>(std::move(building).freeze(phrases_at));
  trie->phrase_cased.assign(st.phrases.size(), 0);
  for (std::uint32_t p = 0; p < st.phrases.size(); ++p) {
    const auto& rules = st.phrases[p].rules;
    for (auto r : rules)
      if (r != CaseRule::any) trie->phrase_cased[p] = 1;
    // One capitalised word ("Chad", "Turkey"): match_units tests it without calling case_ok.
    if (rules.size() == 1 && rules[0] == CaseRule::capitalised) trie->phrase_cased[p] = 2;
  }
  lexicon->m_phrase_count = st.phrases.size();
  lexicon->m_entries = std::move(st.entries);
  for (const ActorEntry& e : lexicon->m_entries) lexicon->m_entry_types.push_back(e.type);
  lexicon->m_phrases = std::move(st.phrases);
  for (Phrase& phrase : lexicon->m_phrases)
    for (const std::uint32_t e : phrase.entries)
      phrase.types |= 1u << static_cast<unsigned>(lexicon->m_entry_types[e]);
  // Terms sorted by person and start, so a person's terms are one binary search away.
  std::stable_sort(st.terms.begin(), st.terms.end(), [](const LeaderTerm& a, const LeaderTerm& b) {
    return std::tie(a.person_id, a.start) < std::tie(b.person_id, b.start);
  });
  lexicon->m_terms = std::move(st.terms);
  // Each entry's range of terms (empty but for leaders), so that the recogniser need not search.
  lexicon->m_entry_terms.resize(lexicon->m_entries.size());
  for (std::size_t e = 0; e < lexicon->m_entries.size(); ++e) {
    const ActorEntry& entry = lexicon->m_entries[e];
    if (entry.type != ActorEntryType::leader) continue;
    const auto range = lexicon->terms(entry.id);
    const auto first = static_cast<std::uint32_t>(range.data() - lexicon->m_terms.data());
    lexicon->m_entry_terms[e] = {first, first + static_cast<std::uint32_t>(range.size())};
  }
  // The terms by country (each country's in m_terms' order), for holder().
  lexicon->m_terms_by_country.reserve(lexicon->m_terms.size());
  for (std::uint32_t k = 0; k < lexicon->m_terms.size(); ++k)
    lexicon->m_terms_by_country.emplace_back(country_key(lexicon->m_terms[k].country), k);
  std::sort(lexicon->m_terms_by_country.begin(), lexicon->m_terms_by_country.end());
  for (auto& [code, info] : st.states) lexicon->m_states.push_back(std::move(info));
  for (auto& [code, iso] : st.country_codes) lexicon->m_country_codes.emplace(code, iso);
  lexicon->m_trie = std::move(trie);
  return lexicon;
}

}  // namespace diplograph::lexicon
