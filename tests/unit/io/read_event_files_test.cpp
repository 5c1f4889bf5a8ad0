// The GDELT and ICEWS readers on small files in the real layouts with made-up rows
// (tests/data/io/readers/): broken rows reported by line and skipped, one-sided rows counted,
// CAMEO codes kept as strings, actor ids as docs/FORMATS.md "Imports" says.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "diplograph/io/event_files.hpp"

namespace diplograph::io {
namespace {

const std::string kDir = std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/io/readers/";

std::set<std::size_t> error_lines(const EventFileResult& r) {
  std::set<std::size_t> lines;
  for (const Error& e : r.errors) lines.insert(e.line);
  return lines;
}

const Actor* find_actor(const GraphData& g, std::string_view id) {
  for (const Actor& a : g.actors)
    if (a.id == id) return &a;
  return nullptr;
}

const Event* find_event(const GraphData& g, std::string_view doc) {
  for (const Event& e : g.events)
    if (!e.provenance.empty() && e.provenance.front().doc == doc) return &e;
  return nullptr;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ReadGdelt, Gdelt2LoadsGoodRowsAndReportsBrokenOnesByLine) {
  auto r = read_event_file(kDir + "gdelt2_small.export.CSV");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->format, EventFileFormat::gdelt2);
  EXPECT_EQ(r->rows, 12u);
  EXPECT_EQ(r->loaded, 6u);
  EXPECT_EQ(r->one_sided, 2u);
  EXPECT_EQ(r->error_count, 4u);
  EXPECT_EQ(error_lines(*r), (std::set<std::size_t>{4, 5, 6, 12}));
  for (const Error& e : r->errors) EXPECT_NE(e.file.find("gdelt2_small.export.CSV"), std::string::npos);
  EXPECT_NE(r->errors[0].message.find("found 5"), std::string::npos) << r->errors[0].message;
  EXPECT_NE(r->errors[1].message.find("SQLDATE"), std::string::npos);
  EXPECT_NE(r->errors[2].message.find("EventCode"), std::string::npos);
  EXPECT_NE(r->errors[3].message.find("Goldstein"), std::string::npos);
  EXPECT_EQ(r->graph.events.size(), 6u);
}

TEST(ReadGdelt, CameoCodesStayStringsAndProvenanceNamesEventFileAndLine) {
  auto r = read_event_file(kDir + "gdelt2_small.export.CSV");
  ASSERT_TRUE(r);
  const Event* e = find_event(r->graph, "gdelt:1000002");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->cameo, "040");
  EXPECT_EQ(e->root, "04");
  EXPECT_EQ(e->quad, 1);
  EXPECT_DOUBLE_EQ(e->goldstein, 1.0);
  EXPECT_EQ(e->source.id, "state/JPN");
  EXPECT_EQ(e->source.name, "Japan");
  EXPECT_EQ(e->source.code, "JPN");
  EXPECT_EQ(e->target.id, "state/CHN");
  ASSERT_TRUE(e->date);
  EXPECT_EQ(e->date->iso(), "2024-08-16");
  EXPECT_EQ(e->provenance.front().evidence, "gdelt2_small.export.CSV:2 https://example.org/b");

  const Event* coded = find_event(r->graph, "gdelt:1000010");
  ASSERT_NE(coded, nullptr);
  EXPECT_EQ(coded->cameo, "042");
  EXPECT_TRUE(coded->domestic);  // JPNGOV -> JPNMIL
  EXPECT_FALSE(e->domestic);
}

TEST(ReadGdelt, ActorIdsFollowTheCanonicalScheme) {
  auto r = read_event_file(kDir + "gdelt2_small.export.CSV");
  ASSERT_TRUE(r);
  const GraphData& g = r->graph;
  ASSERT_TRUE(std::is_sorted(g.actors.begin(), g.actors.end(),
                             [](const Actor& a, const Actor& b) { return a.id < b.id; }));
  const Actor* jpn = find_actor(g, "state/JPN");
  ASSERT_NE(jpn, nullptr);
  EXPECT_EQ(jpn->kind, ActorKind::state);
  EXPECT_EQ(jpn->country, "JPN");
  const Actor* gov = find_actor(g, "org/JPN/government");
  ASSERT_NE(gov, nullptr);
  EXPECT_EQ(gov->kind, ActorKind::government);
  EXPECT_EQ(gov->country, "JPN");
  EXPECT_EQ(gov->code, "JPNGOV");
  EXPECT_EQ(gov->name, "JAPANESE GOVERNMENT");  // the most frequent of its names
  const Actor* un = find_actor(g, "igo/UNO");
  ASSERT_NE(un, nullptr);
  EXPECT_EQ(un->kind, ActorKind::igo);
  EXPECT_EQ(un->code, "IGOUNO");
  EXPECT_TRUE(un->country.empty());
  const Actor* mnc = find_actor(g, "code/MNCUSA");
  ASSERT_NE(mnc, nullptr);
  EXPECT_EQ(mnc->kind, ActorKind::company);
  EXPECT_EQ(mnc->country, "USA");
  EXPECT_EQ(find_actor(g, "org/JPN/military")->kind, ActorKind::military);
  // Nothing from the skipped rows: RUS appears only on the broken line 12.
  EXPECT_EQ(find_actor(g, "state/RUS"), nullptr);
  EXPECT_EQ(find_actor(g, "unknown"), nullptr);
  // Affiliations tie coded actors to their state.
  bool found = false;
  for (const auto& a : g.affiliations) found |= a.member == "org/JPN/government" && a.state == "state/JPN";
  EXPECT_TRUE(found);
}

TEST(ReadGdelt, EventsAreSortedByDateSourceTargetCameo) {
  auto r = read_event_file(kDir + "gdelt2_small.export.CSV");
  ASSERT_TRUE(r);
  const auto& ev = r->graph.events;
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev.front().date->iso(), "2024-08-15");
  for (std::size_t i = 1; i < ev.size(); ++i) {
    const auto key = [](const Event& e) {
      return std::tuple(*e.date, e.source.id, e.target.id, e.cameo);
    };
    EXPECT_LE(key(ev[i - 1]), key(ev[i]));
  }
}

TEST(ReadGdelt, OneSidedRowsCanBeKeptWithAnUnknownActor) {
  EventFileOptions options;
  options.one_sided = OneSidedRows::keep_unknown;
  auto r = read_event_file(kDir + "gdelt2_small.export.CSV", options);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->loaded, 8u);
  EXPECT_EQ(r->one_sided, 0u);
  const Actor* unknown = find_actor(r->graph, "unknown");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->kind, ActorKind::other);
  const Event* e = find_event(r->graph, "gdelt:1000003");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source.id, "unknown");
  EXPECT_EQ(e->target.id, "state/USA");
}

TEST(ReadGdelt, Gdelt1MixesBackFileAndDailyLayouts) {
  auto r = read_event_file(kDir + "gdelt1_mixed.tsv");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->format, EventFileFormat::gdelt1);
  EXPECT_EQ(r->rows, 5u);
  EXPECT_EQ(r->loaded, 4u);
  EXPECT_EQ(error_lines(*r), (std::set<std::size_t>{4}));
  EXPECT_NE(r->errors[0].message.find("57 or 58"), std::string::npos);
  // 58 columns: SOURCEURL kept; 57 columns: no URL, only file and line.
  EXPECT_EQ(find_event(r->graph, "gdelt:564111644")->provenance[0].evidence,
            "gdelt1_mixed.tsv:1 http://example.org/one");
  EXPECT_EQ(find_event(r->graph, "gdelt:1552839")->provenance[0].evidence, "gdelt1_mixed.tsv:2");
  // CAMEO's ROM is ISO's ROU; codes with digits are codes; a bare role has no country.
  const Actor* rou = find_actor(r->graph, "state/ROU");
  ASSERT_NE(rou, nullptr);
  EXPECT_EQ(rou->name, "Romania");
  EXPECT_EQ(rou->code, "ROM");
  ASSERT_NE(find_actor(r->graph, "code/CHRANG001"), nullptr);
  const Actor* gov = find_actor(r->graph, "code/GOV");
  ASSERT_NE(gov, nullptr);
  EXPECT_EQ(gov->kind, ActorKind::government);
  EXPECT_TRUE(gov->country.empty());
  EXPECT_EQ(find_event(r->graph, "gdelt:564111655")->cameo, "0834");
}

TEST(ReadGdelt, HeaderRowAndCrLfAndBomAreTolerated) {
  std::string text = slurp(kDir + "gdelt2_small.export.CSV");
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::string header = "GLOBALEVENTID";
  for (int i = 1; i < 61; ++i) header += "\tC" + std::to_string(i);
  auto r = read_event_text("\xEF\xBB\xBF" + header + "\r\n" + crlf, "x.CSV");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->loaded, 6u);
  EXPECT_EQ(error_lines(*r), (std::set<std::size_t>{5, 6, 7, 13}));  // one line later
}

TEST(ReadGdelt, ABrokenFirstRowDoesNotHideTheRest) {
  const std::string text = "1\t20240101\tonly three\n" + slurp(kDir + "gdelt2_small.export.CSV");
  auto r = read_event_text(text, "first.CSV");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->format, EventFileFormat::gdelt2);
  EXPECT_EQ(r->loaded, 6u);
  EXPECT_EQ(error_lines(*r), (std::set<std::size_t>{1, 5, 6, 7, 13}));
}

TEST(ReadGdelt, ErrorsBeyondTheLimitAreCountedNotKept) {
  EventFileOptions options;
  options.max_errors = 1;
  auto r = read_event_file(kDir + "gdelt2_small.export.CSV", options);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_count, 4u);
  ASSERT_EQ(r->errors.size(), 2u);
  EXPECT_EQ(r->errors[0].line, 4u);
  EXPECT_NE(r->errors[1].message.find("3 more"), std::string::npos);
}

TEST(ReadIcews, LoadsNamedActorsWithDerivedCodes) {
  auto r = read_event_file(kDir + "icews_small.tab");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->format, EventFileFormat::icews);
  EXPECT_EQ(r->rows, 11u);
  EXPECT_EQ(r->loaded, 6u);
  EXPECT_EQ(r->one_sided, 2u);  // an empty target, and "Unspecified Actor"
  EXPECT_EQ(find_actor(r->graph, "org/unspecified-actor"), nullptr);
  EXPECT_EQ(error_lines(*r), (std::set<std::size_t>{6, 8, 10}));
  const GraphData& g = r->graph;
  const Actor* fa = find_actor(g, "org/JPN/government");
  ASSERT_NE(fa, nullptr);
  EXPECT_EQ(fa->name, "Foreign Affairs (Japan)");
  EXPECT_EQ(fa->kind, ActorKind::government);
  ASSERT_NE(find_actor(g, "state/TWN"), nullptr);
  const Actor* kishida = find_actor(g, "person/fumio-kishida");
  ASSERT_NE(kishida, nullptr);
  EXPECT_EQ(kishida->kind, ActorKind::person);
  EXPECT_EQ(kishida->country, "JPN");
  EXPECT_EQ(kishida->code, "JPNGOV");
  const Actor* eu = find_actor(g, "igo/EEC");
  ASSERT_NE(eu, nullptr);
  EXPECT_EQ(eu->code, "IGOEUREEC");
  EXPECT_EQ(find_actor(g, "state/VNM")->name, "Vietnam");
  EXPECT_EQ(find_actor(g, "org/JPN/police")->kind, ActorKind::group);
  EXPECT_EQ(find_actor(g, "org/JPN/civilians")->kind, ActorKind::group);
  EXPECT_EQ(find_actor(g, "org/JPN/military")->name, "Self-Defense Forces (Japan)");
  ASSERT_NE(find_actor(g, "state/RUS"), nullptr);  // "Russian Federation"

  const Event* consult = find_event(g, "icews:1");
  ASSERT_NE(consult, nullptr);
  EXPECT_EQ(consult->cameo, "040");
  EXPECT_EQ(consult->root, "04");
  EXPECT_EQ(consult->quad, 1);
  EXPECT_EQ(consult->provenance[0].evidence,
            "icews_small.tab:2 Consult (Example Daily (Tokyo), story 900001)");
  const Event* arrest = find_event(g, "icews:4");
  ASSERT_NE(arrest, nullptr);
  EXPECT_EQ(arrest->quad, 4);
  EXPECT_DOUBLE_EQ(arrest->goldstein, -5.0);
  EXPECT_TRUE(arrest->domestic);
}

TEST(ReadIcews, AMissingHeaderColumnIsOneError) {
  auto r = read_event_text("Event ID\tEvent Date\tCAMEO Code\n1\t2024-01-01\t040\n", "h.tab");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->loaded, 0u);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].line, 1u);
  EXPECT_NE(r->errors[0].message.find("Source Name"), std::string::npos);
}

TEST(DetectEventFile, FromTheFirstLine) {
  EXPECT_EQ(detect_event_file(std::string(60, '\t') + "\n"), EventFileFormat::gdelt2);
  EXPECT_EQ(detect_event_file(std::string(57, '\t')), EventFileFormat::gdelt1);
  EXPECT_EQ(detect_event_file(std::string(56, '\t') + "\r\nmore"), EventFileFormat::gdelt1);
  EXPECT_EQ(detect_event_file("Event ID\tEvent Date\tSource Name\tCAMEO Code\n"), EventFileFormat::icews);
  EXPECT_EQ(detect_event_file("id,date,source\n"), std::nullopt);
  EXPECT_EQ(detect_event_file(""), std::nullopt);
}

TEST(ReadEventFile, UnreadableOrUnknownFilesAreOneError) {
  auto missing = read_event_file(kDir + "no-such-file.CSV");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("cannot open"), std::string::npos);
  auto dir = read_event_file(kDir);
  ASSERT_FALSE(dir);
  auto empty = read_event_text("", "empty.CSV");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("empty"), std::string::npos);
  auto other = read_event_text("a\tb\tc\n", "other.CSV");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().line, 1u);
  EXPECT_NE(other.error().message.find("3 tab-separated"), std::string::npos);
  auto binary = read_event_text(std::string("\x00\x01\x02\xff", 4), "bin.CSV");
  ASSERT_FALSE(binary);
}

TEST(ActorFromCameoCode, Rules) {
  EXPECT_EQ(actor_from_cameo_code("JPN", "JAPAN").id, "state/JPN");
  EXPECT_EQ(actor_from_cameo_code("JPN", "JAPAN").name, "Japan");
  EXPECT_EQ(actor_from_cameo_code("IGOWSTNAT", "NATO").id, "igo/NAT");
  EXPECT_EQ(actor_from_cameo_code("IGOUNOIAE", "IAEA").id, "igo/IAE");
  EXPECT_EQ(actor_from_cameo_code("USAMIL", "PENTAGON").id, "org/USA/military");
  EXPECT_EQ(actor_from_cameo_code("USAGOVLEG", "").id, "code/USAGOVLEG");
  EXPECT_EQ(actor_from_cameo_code("USAGOV0042", "").id, "code/USAGOV0042");
  EXPECT_EQ(actor_from_cameo_code("KOS", "").id, "state/XKX");
  EXPECT_EQ(actor_from_cameo_code("IGOUNOIAE", "").name, "International Atomic Energy Agency");
  EXPECT_EQ(actor_from_cameo_code("USAMIL", "PENTAGON").name, "PENTAGON");
  EXPECT_EQ(actor_from_cameo_code("TWNBUS", "").kind, ActorKind::company);
  EXPECT_EQ(actor_from_cameo_code("JPNLEG", "").kind, ActorKind::legislature);
  EXPECT_EQ(actor_from_cameo_code("JPNPTY", "").kind, ActorKind::party);
  EXPECT_EQ(actor_from_cameo_code("EUR", "EUROPE").id, "code/EUR");
  EXPECT_EQ(actor_from_cameo_code("kur", "KURD").kind, ActorKind::group);
  // No CAMEO role code is an ISO 3166 country code, or a bare role would become a state.
  for (const char* role : {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "BUS", "MED", "CVL", "EDU",
                           "LAB", "REL", "HLH", "CRM", "SPY", "OPP", "REB", "UAF", "REF", "ELI",
                           "MOD", "RAD", "AGR", "DEV", "HRI", "ENV", "INS", "SEP", "NGO", "MNC"})
    EXPECT_NE(actor_from_cameo_code(role, "").kind, ActorKind::state) << role;
}

}  // namespace
}  // namespace diplograph::io
