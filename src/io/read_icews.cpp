// ICEWS coded-event files (Harvard Dataverse "events.YYYY.*.tab"): a header row, then one event
// a line, tab-separated; sector lists inside a column are comma-separated. ICEWS names actors in
// words ("Foreign Affairs (Bangladesh)", "Shinzo Abe", "Japan") with a country name and sectors
// instead of a CAMEO actor code, so ids and codes are derived here (docs/FORMATS.md "Imports").
#include <array>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "diplograph/io/event_files.hpp"
#include "read_event_common.hpp"

namespace diplograph::io {

namespace {

enum Column : std::size_t {
  kEventId, kEventDate, kSourceName, kSourceSectors, kSourceCountry, kEventText, kCameoCode,
  kIntensity, kTargetName, kTargetSectors, kTargetCountry, kStoryId, kSentenceNumber,
  kPublisher, kColumnCount
};
constexpr std::array<std::string_view, kColumnCount> kHeaders = {
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher"};
// Columns a row cannot do without; the others only enrich provenance.
constexpr std::array<Column, 10> kRequired = {kEventId, kEventDate, kSourceName, kSourceSectors,
                                              kSourceCountry, kCameoCode, kIntensity,
                                              kTargetName, kTargetSectors, kTargetCountry};

// The IGOs whose CAMEO code is certain; others get igo/<slug> and the code "IGO".
struct Igo {
  std::string_view name;
  std::string_view code;
};
constexpr std::array<Igo, 9> kIgos = {{
    {"united nations", "IGOUNO"},
    {"european union", "IGOEUREEC"},
    {"north atlantic treaty organization", "IGOWSTNAT"},
    {"nato", "IGOWSTNAT"},
    {"association of southeast asian nations", "IGOSEAASN"},
    {"asean", "IGOSEAASN"},
    {"international atomic energy agency", "IGOUNOIAE"},
    {"iaea", "IGOUNOIAE"},
    {"un security council", "IGOUNO"},
}};

// Words that make a named ICEWS actor an organisation rather than a person.
constexpr std::array<std::string_view, 40> kOrgWords = {
    "ministry", "forces", "force", "army", "navy", "party", "council", "congress", "court",
    "bank", "police", "government", "union", "committee", "company", "corporation",
    "organization", "organisation", "association", "agency", "commission", "parliament",
    "assembly", "front", "movement", "group", "inc", "ltd", "university", "department",
    "office", "federation", "janata", "taliban", "hamas", "hezbollah", "state", "kingdom",
    "institute", "network"};

bool has_sector(std::string_view sectors, std::string_view wanted) {
  while (!sectors.empty()) {
    const auto comma = sectors.find(',');
    if (sectors.substr(0, comma) == wanted) return true;
    if (comma == std::string_view::npos) break;
    sectors.remove_prefix(comma + 1);
  }
  return false;
}

bool sector_contains(std::string_view sectors, std::string_view part) {
  return sectors.find(part) != std::string_view::npos;
}

// The CAMEO role code that best sums up an ICEWS sector list.
std::string_view role_of_sectors(std::string_view s) {
  const bool exec = has_sector(s, "Executive") || has_sector(s, "Executive Office") ||
                    has_sector(s, "Cabinet");
  if (has_sector(s, "Police")) return "COP";
  if (has_sector(s, "Judicial")) return "JUD";
  if (has_sector(s, "Legislative / Parliamentary")) return "LEG";
  if (has_sector(s, "Military") && !exec) return "MIL";
  if (exec || has_sector(s, "Government") || sector_contains(s, "Ministry")) return "GOV";
  if (has_sector(s, "Military") || has_sector(s, "Army")) return "MIL";
  if (has_sector(s, "Parties") || sector_contains(s, "Party")) return "PTY";
  if (sector_contains(s, "Business")) return "BUS";
  if (sector_contains(s, "Media") || sector_contains(s, "News")) return "MED";
  if (sector_contains(s, "Crim")) return "CRM";
  if (sector_contains(s, "Rebel") || sector_contains(s, "Insurgent")) return "REB";
  if (sector_contains(s, "Dissident") || sector_contains(s, "Protest")) return "OPP";
  if (sector_contains(s, "Education")) return "EDU";
  if (sector_contains(s, "Labor") || sector_contains(s, "Labour")) return "LAB";
  if (sector_contains(s, "Religious")) return "REL";
  if (sector_contains(s, "Health") || sector_contains(s, "Medical")) return "HLH";
  if (sector_contains(s, "Refugee")) return "REF";
  if (sector_contains(s, "Non-Governmental")) return "NGO";
  if (sector_contains(s, "Civilian") || sector_contains(s, "Social")) return "CVL";
  return {};
}

bool looks_like_org(std::string_view name, std::string_view sectors) {
  std::string lower(name);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && !(lower[i] >= 'a' && lower[i] <= 'z')) ++i;
    std::size_t j = i;
    while (j < lower.size() && lower[j] >= 'a' && lower[j] <= 'z') ++j;
    const std::string_view word = std::string_view(lower).substr(i, j - i);
    for (auto org : kOrgWords)
      if (word == org) return true;
    i = j;
  }
  const bool personal = has_sector(sectors, "Executive") || has_sector(sectors, "Executive Office") ||
                        has_sector(sectors, "Elite") || has_sector(sectors, "Government") ||
                        has_sector(sectors, "Cabinet") || sector_contains(sectors, "Ministry") ||
                        has_sector(sectors, "Legislative / Parliamentary") ||
                        has_sector(sectors, "Judicial") || has_sector(sectors, "Military");
  return !personal;
}

Actor icews_actor(std::string_view name, std::string_view sectors, std::string_view country_name) {
  const auto& countries = detail::CountryTable::instance();
  if (sectors == "NA") sectors = {};
  const std::string_view iso = country_name == "NA" ? std::string_view{} : countries.iso_from_name(country_name);
  Actor a;
  a.name = std::string(name);
  a.country = std::string(iso);

  // A state: the name is a country's.
  if (const auto state = countries.iso_from_name(name); !state.empty()) {
    a.kind = ActorKind::state;
    a.country = std::string(state);
    a.code = a.country;
    a.id = "state/" + a.country;
    a.name = std::string(countries.name_of(state));
    return a;
  }
  // An IGO: a known one by its CAMEO code, others by name.
  std::string lower(name);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const auto& igo : kIgos)
    if (lower == igo.name) return actor_from_cameo_code(igo.code, name);
  if (has_sector(sectors, "International Government Organization")) {
    a.kind = ActorKind::igo;
    a.country.clear();
    a.code = "IGO";
    a.id = "igo/" + detail::slug(name);
    return a;
  }
  const std::string_view role = role_of_sectors(sectors);
  // A generic actor, "Police (India)": the country's role, as CAMEO codes it (INDCOP).
  if (name.ends_with(")") && name.find(" (") != std::string_view::npos) {
    // No role: the country's population at large (CVL), kept apart from the state.
    if (!iso.empty())
      return actor_from_cameo_code(fmt::format("{}{}", iso, role.empty() ? "CVL" : role), name);
    a.kind = role.empty() ? ActorKind::group : detail::kind_of_role(role);
    a.code = std::string(role);
    a.id = "icews/" + detail::slug(name);
    return a;
  }
  // A named person or organisation.
  a.code = std::string(iso) + std::string(role);
  if (looks_like_org(name, sectors)) {
    a.kind = role.empty() ? ActorKind::group : detail::kind_of_role(role);
    if (a.kind == ActorKind::government && sector_contains(sectors, "Ministry"))
      a.kind = ActorKind::ministry;
    a.id = iso.empty() ? "org/" + detail::slug(name)
                       : fmt::format("org/{}/{}", iso, detail::slug(name));
  } else {
    a.kind = ActorKind::person;
    a.id = "person/" + detail::slug(name);
  }
  return a;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  while (true) {
    const auto tab = line.find('\t');
    out.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return out;
    line.remove_prefix(tab + 1);
  }
}

}  // namespace

EventFileResult read_icews(std::string_view text, std::string_view file,
                           const EventFileOptions& options) {
  EventFileResult result;
  result.format = EventFileFormat::icews;
  detail::ErrorSink errors(file, options.max_errors);
  detail::ActorTable actors;
  std::vector<Event> events;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;
  const std::string_view where = detail::base_name(file);

  detail::LineCursor cursor(text);
  std::string_view line;
  std::size_t number = 0;
  std::size_t offset = 0;
  std::array<std::size_t, kColumnCount> at{};
  at.fill(SIZE_MAX);
  std::size_t header_columns = 0;
  // The header row: columns are found by name, so a reordered or extended export still reads.
  while (cursor.next(line, number, offset)) {
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    if (line.empty()) continue;
    const auto names = split_tabs(line);
    header_columns = names.size();
    for (std::size_t i = 0; i < names.size(); ++i)
      for (std::size_t c = 0; c < kColumnCount; ++c)
        if (names[i] == kHeaders[c]) at[c] = i;
    break;
  }
  for (Column c : kRequired) {
    if (at[c] == SIZE_MAX) {
      errors.add(number, offset,
                 fmt::format("not an ICEWS header row: column '{}' is missing", kHeaders[c]));
      errors.finish(result);
      return result;
    }
  }
  auto get = [&](const std::vector<std::string_view>& f, Column c) {
    return at[c] == SIZE_MAX ? std::string_view{} : f[at[c]];
  };
  std::size_t unknown_index = SIZE_MAX;
  while (cursor.next(line, number, offset)) {
    if (line.empty()) continue;
    ++result.rows;
    const auto f = split_tabs(line);
    if (f.size() != header_columns) {
      errors.add(number, offset, fmt::format("expected {} tab-separated columns (as the header), found {}",
                                             header_columns, f.size()));
      continue;
    }
    const auto date = get(f, kEventDate).size() == 10 ? Date::parse(get(f, kEventDate)) : std::nullopt;
    if (!date) {
      errors.add(number, offset, fmt::format("bad Event Date '{}' (want YYYY-MM-DD)", get(f, kEventDate).substr(0, 40)));
      continue;
    }
    const std::string_view code = get(f, kCameoCode);
    const int root = detail::cameo_root(code);
    if (root == 0) {
      errors.add(number, offset, fmt::format("bad CAMEO Code '{}' (want 2-4 digits)", code.substr(0, 40)));
      continue;
    }
    double intensity = 0.0;
    if (!detail::parse_double(get(f, kIntensity), intensity) || intensity < -10.0 || intensity > 10.0) {
      errors.add(number, offset, fmt::format("bad Intensity '{}' (want -10..10)", get(f, kIntensity).substr(0, 40)));
      continue;
    }
    // ICEWS writes "Unspecified Actor" where the coder found no one: no side of a relation.
    auto empty_name = [](std::string_view n) {
      return n.empty() || n == "NA" || n == "Unspecified Actor";
    };
    const bool one_sided = empty_name(get(f, kSourceName)) || empty_name(get(f, kTargetName));
    if (one_sided && options.one_sided == OneSidedRows::skip) {
      ++result.one_sided;
      continue;
    }
    auto side = [&](Column name, Column sectors, Column country) -> std::uint32_t {
      if (empty_name(get(f, name))) {
        if (unknown_index == SIZE_MAX) {
          Actor unknown;
          unknown.id = "unknown";
          unknown.name = "unknown";
          unknown_index = actors.intern(std::move(unknown), {});
        }
        return static_cast<std::uint32_t>(unknown_index);
      }
      Actor a = icews_actor(get(f, name), get(f, sectors), get(f, country));
      std::string display = a.kind == ActorKind::state ? std::string{} : a.name;
      return static_cast<std::uint32_t>(actors.intern(std::move(a), display));
    };
    const std::uint32_t s = side(kSourceName, kSourceSectors, kSourceCountry);
    const std::uint32_t t = side(kTargetName, kTargetSectors, kTargetCountry);

    Event& e = events.emplace_back();
    e.source.code = actors.actor(s).code;
    e.target.code = actors.actor(t).code;
    e.cameo = std::string(code);
    e.root = std::string(code.substr(0, 2));
    e.quad = detail::quad_of_root(root);
    e.goldstein = intensity;
    e.date = date;
    Provenance& p = e.provenance.emplace_back();
    p.doc = fmt::format("icews:{}", get(f, kEventId));
    std::size_t sentence = 0;
    const std::string_view sn = get(f, kSentenceNumber);
    for (char c : sn) {
      if (c < '0' || c > '9') {
        sentence = 0;
        break;
      }
      sentence = sentence * 10 + static_cast<std::size_t>(c - '0');
    }
    p.sentence = sentence;
    std::string evidence = fmt::format("{}:{}", where, number);
    if (!get(f, kEventText).empty()) evidence += fmt::format(" {}", get(f, kEventText));
    if (!get(f, kPublisher).empty() && get(f, kPublisher) != "NA")
      evidence += fmt::format(" ({}", get(f, kPublisher)) +
                  (get(f, kStoryId).empty() ? std::string(")") : fmt::format(", story {})", get(f, kStoryId)));
    p.evidence = std::move(evidence);
    ends.emplace_back(s, t);
    ++result.loaded;
  }
  actors.finish(events, ends, result.graph);
  errors.finish(result);
  return result;
}

}  // namespace diplograph::io
