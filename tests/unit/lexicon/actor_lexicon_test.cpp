// The actor lexicon: built-in tables, case rules, users' files and their errors, leader terms,
// and the trie matcher checked against a deliberately simple reference matcher.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "diplograph/lexicon/actor_lexicon.hpp"
#include "diplograph/lexicon/regions.hpp"

namespace diplograph::lexicon {
namespace {

Token word(std::string text) {
  Token t;
  t.text = text;
  t.lower = text;
  for (char& c : t.lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  t.kind = (text.size() == 1 && !std::isalnum(static_cast<unsigned char>(text[0])))
               ? TokenKind::punct
               : TokenKind::word;
  return t;
}

std::vector<Token> words(const std::vector<std::string>& texts) {
  std::vector<Token> out;
  for (const auto& s : texts) out.push_back(word(s));
  return out;
}

// The entry types a match at the start of `tokens` gives, or nothing.
std::vector<const ActorEntry*> first_match(const ActorLexicon& lex, const std::vector<std::string>& texts,
                                           std::size_t* last = nullptr) {
  const auto tokens = words(texts);
  auto m = lex.match_at(tokens, 0);
  std::vector<const ActorEntry*> out;
  if (!m) return out;
  if (last) *last = m->last_token;
  for (auto e : m->entries) out.push_back(&lex.entry(e));
  return out;
}

const ActorEntry* find_type(const std::vector<const ActorEntry*>& entries, ActorEntryType type) {
  for (const auto* e : entries)
    if (e->type == type) return e;
  return nullptr;
}

TEST(ActorLexicon, BuiltinKnowsStatesByEveryKindOfName) {
  auto lex = ActorLexicon::builtin();
  ASSERT_TRUE(lex);
  EXPECT_EQ(lex.get(), ActorLexicon::builtin().get()) << "compiled once and shared";
  struct Case {
    std::vector<std::string> tokens;
    ActorEntryType type;
    std::string country;
  };
  const std::vector<Case> cases = {
      {{"Japan"}, ActorEntryType::state, "JPN"},
      {{"Britain"}, ActorEntryType::state, "GBR"},
      {{"UK"}, ActorEntryType::state, "GBR"},
      {{"U.S."}, ActorEntryType::state, "USA"},
      {{"United", "States"}, ActorEntryType::state, "USA"},
      {{"South", "Korea"}, ActorEntryType::state, "KOR"},
      {{"North", "Korea"}, ActorEntryType::state, "PRK"},
      {{"Russian", "Federation"}, ActorEntryType::state, "RUS"},  // from iso-codes
      {{"Viet", "Nam"}, ActorEntryType::state, "VNM"},            // from iso-codes
      {{"Laos"}, ActorEntryType::state, "LAO"},
      {{"Kosovo"}, ActorEntryType::state, "XKX"},
      {{"Vatican"}, ActorEntryType::state, "VAT"},
      {{"Taiwan"}, ActorEntryType::state, "TWN"},
      {{"Japanese"}, ActorEntryType::adjective, "JPN"},
      {{"Filipino"}, ActorEntryType::adjective, "PHL"},
      {{"Emirati"}, ActorEntryType::adjective, "ARE"},
      {{"Taiwanese"}, ActorEntryType::adjective, "TWN"},
      {{"Tokyo"}, ActorEntryType::capital, "JPN"},
      {{"Kremlin"}, ActorEntryType::capital, "RUS"},
      {{"Downing", "Street"}, ActorEntryType::capital, "GBR"},
      {{"White", "House"}, ActorEntryType::capital, "USA"},
      {{"Zhongnanhai"}, ActorEntryType::capital, "CHN"},
      {{"Kyiv"}, ActorEntryType::capital, "UKR"},
      {{"Kiev"}, ActorEntryType::capital, "UKR"},
  };
  for (const auto& c : cases) {
    const auto entries = first_match(*lex, c.tokens);
    const auto* e = find_type(entries, c.type);
    ASSERT_TRUE(e) << c.tokens.front();
    EXPECT_EQ(e->country, c.country) << c.tokens.front();
  }
}

// data/actors/regions.tsv (read by the event coder for "the South American country"): every
// line is a region and states, and every state is one the lexicon knows.
TEST(ActorLexicon, RegionsNameKnownStates) {
  const auto lexicon = ActorLexicon::builtin();
  const auto& regions = Regions::builtin().all();
  for (const auto& [name, states] : regions) {
    EXPECT_TRUE(std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) << name;
    ASSERT_FALSE(states.empty()) << name;
    for (const auto& code : states) EXPECT_NE(lexicon->state(code), nullptr) << name << ": " << code;
  }
  EXPECT_GE(regions.size(), 30u);
  ASSERT_NE(Regions::builtin().states("south american"), nullptr);
  EXPECT_TRUE(std::binary_search(Regions::builtin().states("south american")->begin(),
                                 Regions::builtin().states("south american")->end(), std::string("PER")));
  EXPECT_EQ(Regions::builtin().states("atlantis"), nullptr);
}

TEST(ActorLexicon, RegionsParseReportsTheBadLine) {
  const auto parsed = Regions::parse("# comment\nregion\tstates\ngulf\tSAU|QAT\nno tab here\n", "r.tsv");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().line, 4u);
  EXPECT_EQ(parsed.error().file, "r.tsv");
}

TEST(ActorLexicon, CaseRulesKeepCommonWordsOut) {
  auto lex = ActorLexicon::builtin();
  EXPECT_TRUE(find_type(first_match(*lex, {"WHO"}), ActorEntryType::igo));
  EXPECT_TRUE(first_match(*lex, {"who"}).empty());
  EXPECT_TRUE(first_match(*lex, {"us"}).empty());
  EXPECT_TRUE(first_match(*lex, {"Us"}).empty());
  EXPECT_TRUE(find_type(first_match(*lex, {"Turkey"}), ActorEntryType::state));
  EXPECT_TRUE(first_match(*lex, {"turkey"}).empty());
  EXPECT_TRUE(first_match(*lex, {"chad"}).empty());
  // Role words match in any case.
  EXPECT_TRUE(find_type(first_match(*lex, {"President"}), ActorEntryType::role));
  EXPECT_TRUE(find_type(first_match(*lex, {"president"}), ActorEntryType::role));
}

TEST(ActorLexicon, LongestMatchWinsAndPlacesBlock) {
  auto lex = ActorLexicon::builtin();
  std::size_t last = 0;
  auto strait = first_match(*lex, {"Taiwan", "Strait"}, &last);
  EXPECT_EQ(last, 1u);
  EXPECT_TRUE(find_type(strait, ActorEntryType::place));
  EXPECT_FALSE(find_type(strait, ActorEntryType::state));
  auto usfj = first_match(*lex, {"US", "Forces", "Japan"}, &last);
  EXPECT_EQ(last, 2u);
  const auto* org = find_type(usfj, ActorEntryType::organisation);
  ASSERT_TRUE(org);
  EXPECT_EQ(org->code, "USAMIL");
  // "Taiwan's" split as the text stage does, and as one token.
  auto possessive = lex->match(words({"Taiwan", "'s", "envoy"}));
  ASSERT_EQ(possessive.size(), 2u);
  EXPECT_EQ(possessive[0].last_token, 0u);
}

TEST(ActorLexicon, InternationalOrganisationsHaveScorerKeys) {
  auto lex = ActorLexicon::builtin();
  std::set<std::string> ids;
  for (std::size_t e = 0; e < lex->entry_count(); ++e)
    if (lex->entry(static_cast<std::uint32_t>(e)).type == ActorEntryType::igo)
      ids.insert(lex->entry(static_cast<std::uint32_t>(e)).id);
  EXPECT_GE(ids.size(), 60u);
  const std::vector<std::pair<std::vector<std::string>, std::string>> expect = {
      {{"United", "Nations"}, "UNO"}, {{"IAEA"}, "IAE"}, {{"EU"}, "EEC"},   {{"NATO"}, "NAT"},
      {{"ASEAN"}, "ASN"},             {{"Arab", "League"}, "ARL"},          {{"African", "Union"}, "AFU"},
      {{"OSCE"}, "OSC"},              {{"WTO"}, "WTO"},  {{"IMF"}, "IMF"},  {{"World", "Bank"}, "WBK"},
      {{"G7"}, "G07"},                {{"G20"}, "G20"},  {{"WHO"}, "UNO"},  {{"Security", "Council"}, "UNO"}};
  for (const auto& [tokens, key] : expect) {
    const auto* e = find_type(first_match(*lex, tokens), ActorEntryType::igo);
    ASSERT_TRUE(e) << tokens.front();
    EXPECT_TRUE(e->code.starts_with("IGO")) << e->code;
    EXPECT_EQ(e->code.substr(e->code.size() - 3), key) << tokens.front();
  }
}

TEST(ActorLexicon, LeaderTermsFollowTheDocumentDate) {
  auto lex = ActorLexicon::builtin();
  const Date d2024{2024, 8, 20};
  EXPECT_EQ(lex->leader_code("person/fumio-kishida", d2024), "JPNGOV");
  EXPECT_EQ(lex->leader_code("person/fumio-kishida", Date{2024, 10, 1}), "JPNELI");
  EXPECT_EQ(lex->leader_code("person/shinzo-abe", Date{2019, 6, 1}), "JPNGOV");
  EXPECT_EQ(lex->leader_code("person/shinzo-abe", Date{2023, 6, 1}), "JPNELI");
  EXPECT_EQ(lex->leader_code("person/shinzo-abe", Date{2008, 6, 1}), "JPNELI");  // between terms
  EXPECT_EQ(lex->leader_code("person/tsai-ing-wen", Date{2024, 5, 19}), "TWNGOV");
  EXPECT_EQ(lex->leader_code("person/tsai-ing-wen", Date{2024, 5, 20}), "TWNELI");
  EXPECT_EQ(lex->leader_code("person/lai-ching-te", Date{2024, 5, 20}), "TWNGOV");
  EXPECT_EQ(lex->leader_code("person/fumio-kishida", std::nullopt), "JPNGOV");
  EXPECT_EQ(lex->leader_code("person/nobody-at-all", d2024), "");
  const auto* pm = lex->holder("JPN", "Prime Minister", Date{2024, 10, 5});
  ASSERT_TRUE(pm);
  EXPECT_EQ(pm->name, "Shigeru Ishiba");
  const auto* us = lex->holder("USA", "President", Date{2010, 1, 1});
  ASSERT_TRUE(us);
  EXPECT_EQ(us->person_id, "person/barack-obama");
  // Kishida was foreign minister in 2015, prime minister in 2022.
  EXPECT_EQ(lex->term_on("person/fumio-kishida", Date{2015, 1, 1})->office, "Foreign Minister");
  EXPECT_EQ(lex->term_on("person/fumio-kishida", Date{2022, 1, 1})->office, "Prime Minister");
  // The most newsworthy states all have a head of state or government on the table.
  for (const char* c : {"USA", "GBR", "JPN", "TWN", "CHN", "RUS", "KOR", "PRK", "IND", "PAK", "FRA",
                        "DEU", "ITA", "CAN", "AUS", "UKR", "ISR", "PSE", "IRN", "TUR", "SAU", "EGY"}) {
    bool any = false;
    for (const char* office : {"President", "Prime Minister", "Chancellor", "Supreme Leader", "King"})
      any = any || lex->holder(c, office, d2024) != nullptr;
    EXPECT_TRUE(any) << c;
  }
}

TEST(ActorLexicon, HeadsOfInternationalOrganisationsAreTheirOrganisation) {
  auto lex = ActorLexicon::builtin();
  const std::vector<std::pair<std::vector<std::string>, std::string>> expect = {
      {{"Antonio", "Guterres"}, "IGOUNO"}, {{"Kofi", "Annan"}, "IGOUNO"}, {{"Grossi"}, "IGOUNOIAE"},
      {{"Ursula", "von", "der", "Leyen"}, "IGOEUREEC"}, {{"Stoltenberg"}, "IGOWSTNAT"},
      {{"Moussa", "Faki"}, "IGOAFRAFU"}, {{"Aboul", "Gheit"}, "IGOMEAARL"}};
  for (const auto& [tokens, code] : expect) {
    const auto* e = find_type(first_match(*lex, tokens), ActorEntryType::organisation);
    ASSERT_TRUE(e) << tokens.front();
    EXPECT_EQ(e->code, code) << tokens.front();
    EXPECT_EQ(e->kind, ActorKind::person) << tokens.front();
  }
}

TEST(ActorLexicon, ArmedGroupsAndSeparatistAuthoritiesTakeTheirCountry) {
  auto lex = ActorLexicon::builtin();
  const std::vector<std::pair<std::vector<std::string>, std::string>> expect = {
      {{"M23"}, "COD"}, {{"PKK"}, "TUR"}, {{"TPLF"}, "ETH"}, {{"Arakan", "Army"}, "MMR"},
      {{"Pakistani", "Taliban"}, "PAK"}, {{"Haftar"}, "LBY"}, {{"Hemedti"}, "SDN"},
      {{"Somaliland"}, "SOM"}, {{"Transnistria"}, "MDA"}, {{"Abkhazia"}, "GEO"},
      {{"UNITA"}, "AGO"}, {{"RENAMO"}, "MOZ"}, {{"ZANU-PF"}, "ZWE"}, {{"ADF"}, "UGA"}};
  for (const auto& [tokens, country] : expect) {
    const auto* e = find_type(first_match(*lex, tokens), ActorEntryType::organisation);
    ASSERT_TRUE(e) << tokens.front();
    EXPECT_EQ(e->code.substr(0, 3), country) << tokens.front();
  }
}

TEST(ActorLexicon, WireRoleWordsForGovernmentsAndForces) {
  auto lex = ActorLexicon::builtin();
  const std::vector<std::pair<std::vector<std::string>, std::string>> expect = {
      {{"junta"}, "GOV"},           {{"military", "government"}, "GOV"},   {{"transitional", "council"}, "GOV"},
      {{"royal", "court"}, "GOV"},  {{"charge", "d'affaires"}, "GOV"},     {{"high", "commission"}, "GOV"},
      {{"security", "forces"}, "MIL"}, {{"paramilitaries"}, "MIL"},       {{"spy", "agency"}, "SPY"},
      {{"jihadists"}, "REB"}};
  for (const auto& [tokens, role] : expect) {
    const auto* e = find_type(first_match(*lex, tokens), ActorEntryType::role);
    ASSERT_TRUE(e) << tokens.front();
    EXPECT_EQ(e->code, role) << tokens.front();
  }
}

TEST(ActorLexicon, SeatsOfGovernmentAndServicesByTheirOwnNames) {
  auto lex = ActorLexicon::builtin();
  for (const auto& [tokens, country] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"Itamaraty"}, "BRA"}, {{"South", "Block"}, "IND"}, {{"Aso", "Rock"}, "NGA"}, {{"Union", "Buildings"}, "ZAF"}}) {
    const auto* e = find_type(first_match(*lex, tokens), ActorEntryType::capital);
    ASSERT_TRUE(e) << tokens.front();
    EXPECT_EQ(e->country, country) << tokens.front();
  }
  for (const auto& [tokens, code] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"Tatmadaw"}, "MMRMIL"}, {{"GRU"}, "RUSSPY"}, {{"Sejm"}, "POLLEG"}}) {
    const auto* e = find_type(first_match(*lex, tokens), ActorEntryType::organisation);
    ASSERT_TRUE(e) << tokens.front();
    EXPECT_EQ(e->code, code) << tokens.front();
  }
}

TEST(ActorLexicon, SpokespeopleAndEnvoysAreTheBodyTheySpeakFor) {
  auto lex = ActorLexicon::builtin();
  for (const auto& [tokens, code] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"Mao", "Ning"}, "CHNGOV"}, {{"John", "Kirby"}, "USAGOV"}, {{"Nebenzia"}, "RUSGOV"},
           {{"Baghaei"}, "IRNGOV"}, {{"Hagari"}, "ISRMIL"}, {{"Kim", "Yo", "Jong"}, "PRKGOV"},
           {{"Ajit", "Doval"}, "INDGOV"}, {{"Dujarric"}, "IGOUNO"}, {{"Abu", "Zuhri"}, "PSEREB"}}) {
    const auto* e = find_type(first_match(*lex, tokens), ActorEntryType::organisation);
    ASSERT_TRUE(e) << tokens.front();
    EXPECT_EQ(e->code, code) << tokens.front();
    EXPECT_EQ(e->kind, ActorKind::person) << tokens.front();
  }
}

TEST(ActorLexicon, LeadersCoverEveryRegion) {
  auto lex = ActorLexicon::builtin();
  const Date d2024{2024, 8, 20};
  // Africa, Latin America, the Middle East, Europe, South Asia: a head of state or government on
  // the table for states the wire names often.
  for (const char* c : {"DZA", "MAR", "TUN", "LBY", "SEN", "MLI", "BFA", "NER", "TCD", "SOM", "SSD", "TZA",
                        "AGO", "MOZ", "ZMB", "GHA", "CMR", "CIV", "ERI", "ECU", "BOL", "PRY", "URY", "GTM",
                        "SLV", "PAN", "DOM", "GUY", "PER", "OMN", "KWT", "BHR", "AUT", "BEL", "CZE", "SVK",
                        "ROU", "PRT", "LVA", "LTU", "MDA", "FIN", "XKX", "CYP", "MDV", "NPL", "BGD", "LKA",
                        "EST", "IRL", "ALB", "HRV", "KGZ", "MKD", "PNG", "SVN", "TJK", "TKM", "UZB"}) {
    bool any = false;
    for (const char* office : {"President", "Prime Minister", "Chancellor", "King", "Emir", "Sultan",
                               "Chief Adviser", "Head of Government", "Taoiseach"})
      any = any || lex->holder(c, office, d2024) != nullptr;
    EXPECT_TRUE(any) << c;
  }
  // Terms change hands on the right day.
  EXPECT_EQ(lex->leader_code("person/mohamed-bazoum", Date{2023, 7, 25}), "NERGOV");
  EXPECT_EQ(lex->leader_code("person/mohamed-bazoum", Date{2023, 7, 26}), "NERELI");
  EXPECT_EQ(lex->leader_code("person/macky-sall", Date{2024, 4, 1}), "SENGOV");
  EXPECT_EQ(lex->holder("SEN", "President", Date{2024, 4, 2})->name, "Bassirou Diomaye Faye");
  EXPECT_EQ(lex->holder("ECU", "President", Date{2023, 6, 1})->name, "Guillermo Lasso");
  EXPECT_EQ(lex->holder("ECU", "President", Date{2024, 4, 6})->name, "Daniel Noboa");
  EXPECT_EQ(lex->holder("CZE", "Prime Minister", Date{2019, 1, 1})->name, "Andrej Babis");
  EXPECT_EQ(lex->holder("CZE", "Prime Minister", Date{2023, 1, 1})->name, "Petr Fiala");
  EXPECT_EQ(lex->holder("FIN", "Foreign Minister", d2024)->name, "Elina Valtonen");
  EXPECT_EQ(lex->holder("DEU", "Defence Minister", d2024)->name, "Boris Pistorius");
  EXPECT_EQ(lex->holder("CHN", "Defence Minister", Date{2023, 6, 1})->name, "Li Shangfu");
  // Dina Boluarte took office in December 2022 (the table once said 2023).
  EXPECT_EQ(lex->leader_code("person/dina-boluarte", Date{2023, 6, 1}), "PERGOV");
  // Leaders of armed groups are coded by their country (docs: Hezbollah LBN, Hamas PSE).
  EXPECT_EQ(lex->leader_code("person/hassan-nasrallah", Date{2020, 1, 1}), "LBNGOV");
  EXPECT_EQ(lex->leader_code("person/ismail-haniyeh", Date{2023, 11, 1}), "PSEGOV");
}

TEST(ActorLexicon, UsersFilesAddActorsAndReportErrorsWithTheirLine) {
  const auto dir = std::filesystem::temp_directory_path() / "diplograph-actor-lexicon-test";
  std::filesystem::create_directories(dir);
  const auto good = (dir / "good.tsv").string();
  std::ofstream(good) << "# my organisations\ncode\tkind\tname\taliases\n"
                         "JPNBUS\tcompany\tKaizen Robotics\tKRX\n";
  const auto bad = (dir / "bad.tsv").string();
  std::ofstream(bad) << "country\toffice\tstart\tend\tname\taliases\n"
                        "JPN\tPrime Minister\t2020-01-01\t-\tA Person\t-\n"
                        "JPN\tPrime Minister\t2020-13-01\t-\tB Person\t-\n";
  const auto unknown = (dir / "unknown.tsv").string();
  std::ofstream(unknown) << "\nwhat\tis\tthis\n";

  auto lex = ActorLexicon::with_files(std::vector<std::string>{good});
  ASSERT_TRUE(lex);
  const auto* org = find_type(first_match(**lex, {"KRX"}), ActorEntryType::organisation);
  ASSERT_TRUE(org);
  EXPECT_EQ(org->code, "JPNBUS");
  EXPECT_EQ(org->id, "org/JPN/kaizen-robotics");
  EXPECT_TRUE(find_type(first_match(**lex, {"Japan"}), ActorEntryType::state)) << "built-ins stay";

  auto e1 = ActorLexicon::with_files(std::vector<std::string>{bad});
  ASSERT_FALSE(e1);
  EXPECT_EQ(e1.error().file, bad);
  EXPECT_EQ(e1.error().line, 3u);
  EXPECT_NE(e1.error().message.find("start date"), std::string::npos);
  auto e2 = ActorLexicon::with_files(std::vector<std::string>{unknown});
  ASSERT_FALSE(e2);
  EXPECT_EQ(e2.error().line, 2u);
  auto e3 = ActorLexicon::with_files(std::vector<std::string>{(dir / "missing.tsv").string()});
  ASSERT_FALSE(e3);
  std::filesystem::remove_all(dir);
}

TEST(ActorLexicon, PhraseWordsAndSlugs) {
  EXPECT_EQ(phrase_words("U.S."), (std::vector<std::string>{"U", "S"}));
  EXPECT_EQ(phrase_words("Lai Ching-te"), (std::vector<std::string>{"Lai", "Ching", "te"}));
  EXPECT_EQ(phrase_words("People's Daily"), (std::vector<std::string>{"People", "s", "Daily"}));
  EXPECT_EQ(slug("Fumio Kishida"), "fumio-kishida");
  EXPECT_EQ(slug("Ministry of Foreign Affairs"), "ministry-of-foreign-affairs");
  EXPECT_EQ(slug("Lai Ching-te"), "lai-ching-te");
  EXPECT_EQ(slug("People's Liberation Army"), "peoples-liberation-army");
}

// ---- the matcher against a reference -------------------------------------------------------

// The reference: at each token start, try every phrase, keep the longest that fits; then move
// past it. Words are the tokens' lower-case parts cut at '-', '.', '\''.
struct RefPhrase {
  std::vector<std::string> surface;
  std::uint32_t id;
};

std::vector<std::pair<std::size_t, std::size_t>> reference_match(const std::vector<Token>& tokens,
                                                                 const std::vector<RefPhrase>& phrases) {
  struct Unit {
    std::string lower, text;
    std::size_t token;
  };
  std::vector<Unit> units;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    std::string cur_l, cur_t;
    for (std::size_t k = 0; k <= tokens[t].text.size(); ++k) {
      const char c = k < tokens[t].text.size() ? tokens[t].text[k] : '-';
      if (c == '-' || c == '.' || c == '\'') {
        if (!cur_t.empty()) units.push_back({cur_l, cur_t, t});
        cur_l.clear();
        cur_t.clear();
      } else {
        cur_t += c;
        cur_l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
  }
  auto fits = [](const std::string& dict, const std::string& text) {
    std::string dl = dict;
    for (char& c : dl) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string tl = text;
    for (char& c : tl) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (dl != tl) return false;
    const bool cap = std::isupper(static_cast<unsigned char>(dict[0]));
    const bool all_caps = cap && dict.size() >= 2 &&
                          std::all_of(dict.begin(), dict.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    if (all_caps) return dict == text;
    if (cap) return static_cast<bool>(std::isupper(static_cast<unsigned char>(text[0])));
    return true;
  };
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t u = 0;
  while (u < units.size()) {
    const bool start = u == 0 || units[u - 1].token != units[u].token;
    std::size_t best = 0;
    if (start)
      for (const auto& p : phrases) {
        if (p.surface.size() <= best || u + p.surface.size() > units.size()) continue;
        bool ok = true;
        for (std::size_t k = 0; k < p.surface.size() && ok; ++k) ok = fits(p.surface[k], units[u + k].text);
        if (ok) best = p.surface.size();
      }
    if (best) {
      const std::size_t first = units[u].token, last = units[u + best - 1].token;
      out.emplace_back(first, last);
      while (u < units.size() && units[u].token <= last) ++u;
    } else {
      ++u;
    }
  }
  return out;
}

// Random dictionaries of phrases drawn from `dict_words`, matched over random sequences of
// `vocab`, against the reference.
void check_against_reference(std::uint32_t seed, const std::vector<std::string>& vocab,
                             const std::vector<std::string>& dict_words) {
  std::mt19937 rng(seed);
  for (int round = 0; round < 200; ++round) {
    ActorLexicon::Builder builder;
    std::vector<RefPhrase> phrases;
    const int count = 1 + static_cast<int>(rng() % 8);
    for (int p = 0; p < count; ++p) {
      RefPhrase rp;
      const int len = 1 + static_cast<int>(rng() % 3);
      std::string text;
      for (int k = 0; k < len; ++k) {
        rp.surface.push_back(dict_words[rng() % dict_words.size()]);
        text += (k ? " " : "") + rp.surface.back();
      }
      rp.id = static_cast<std::uint32_t>(p);
      ActorEntry e;
      e.type = ActorEntryType::organisation;
      e.id = "org/" + std::to_string(p);
      builder.add_phrase(text, e);
      phrases.push_back(rp);
    }
    auto lex = std::move(builder).compile();
    for (int s = 0; s < 20; ++s) {
      std::vector<std::string> texts;
      const int len = static_cast<int>(rng() % 12);
      for (int k = 0; k < len; ++k) texts.push_back(vocab[rng() % vocab.size()]);
      const auto tokens = words(texts);
      const auto got = lex->match(tokens);
      const auto want = reference_match(tokens, phrases);
      std::vector<std::pair<std::size_t, std::size_t>> got_spans;
      for (const auto& m : got) got_spans.emplace_back(m.first_token, m.last_token);
      std::string seq;
      for (const auto& t : texts) seq += t + " ";
      ASSERT_EQ(got_spans, want) << "round " << round << ": " << seq;
    }
  }
}

TEST(ActorLexiconMatcher, AgreesWithTheReferenceOnRandomSequences) {
  check_against_reference(20240820,
                          {"a", "b", "c", "A", "B", "C", "AB", "ab", "Ab", "x-y", "X-y", "d.e", "q"},
                          {"a", "b", "c", "A", "B", "AB", "x", "y", "X", "d", "e"});
}

// Words of every length class the word table reads differently (under 4 bytes, 4-7, 8-16, over
// 16), words of one length that differ in one byte only (at the start, the middle, the end), and
// tokens cut at '-', '.', '\'' at positions inside and past the first eight bytes.
TEST(ActorLexiconMatcher, AgreesWithTheReferenceOnLongWordsAndLateCuts) {
  const std::vector<std::string> dict_words = {
      "Ab", "abcd", "abce", "Abcdefg", "abcdefgh", "abcdefgz", "zbcdefgh",
      "abcdefghijklmnop", "abcdefghijkzmnop", "abcdefghijklmnopq", "abcdefghijklmnopqrstuvwx",
      "abcdefghijkzmnopqrstuvwx", "abcdefghijklmnopqrstuvwz", "Mnopqrstuvwxyzabcdefghijklmn"};
  std::vector<std::string> vocab = dict_words;
  for (const std::string extra : {"abcdefgh-abcd", "ABCDEFGH-Ab", "abcdefghijklmnop.abcd", "abcd'abcdefgh",
                                  "abcdefghijklmnopqrstuvwx-abce", "Abcdefg-", "xyz", "abcdefghijklmno",
                                  "abcdefghijklmnopqrstuvw", "ab'", "-abcd", "abcdefghijklmnopqrstuvwx's"})
    vocab.push_back(extra);
  check_against_reference(20261203, vocab, dict_words);
}

}  // namespace
}  // namespace diplograph::lexicon
