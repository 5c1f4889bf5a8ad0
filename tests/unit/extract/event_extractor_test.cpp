// The Extractor facade end to end (split, recognise, code) and the CLI's --actors option.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "diplograph/extract/extractor.hpp"

namespace diplograph::extract {
namespace {

Document doc(const std::string& text) {
  Document d;
  d.id = "t";
  d.date = Date{2024, 8, 20};
  d.text = text;
  return d;
}

std::string extra_actors() { return std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/extract/events/extra_actors.tsv"; }

TEST(Extractor, CodesARecognisedSentence) {
  auto extractor = Extractor::create({});
  ASSERT_TRUE(extractor) << extractor.error().to_string();
  const Extraction x = extractor->extract(doc("Japan thanked Taiwan for its help on Friday."));
  ASSERT_EQ(x.document.sentences.size(), 1u);
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].source.code.substr(0, 3), "JPN");
  EXPECT_EQ(x.events[0].target.code.substr(0, 3), "TWN");
  EXPECT_EQ(x.events[0].cameo, "051");
  EXPECT_EQ(x.events[0].date->iso(), "2024-08-16");
}

TEST(Extractor, UsersActorFilesAddActors) {
  auto plain = Extractor::create({});
  ASSERT_TRUE(plain);
  const std::string text = "Sakura Heavy Industries invested in Vietnam last year.";
  for (const auto& e : plain->extract(doc(text)).events) EXPECT_NE(e.source.code, "JPNBUS");
  ExtractorOptions options;
  options.actor_files = {extra_actors()};
  auto with = Extractor::create(options);
  ASSERT_TRUE(with) << with.error().to_string();
  const Extraction x = with->extract(doc(text));
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].source.code, "JPNBUS");
  EXPECT_EQ(x.events[0].target.code.substr(0, 3), "VNM");
  EXPECT_EQ(x.events[0].root, "06");
  EXPECT_EQ(x.events[0].date->iso(), "2023-01-01");
}

TEST(Extractor, AMissingActorFileIsAnError) {
  ExtractorOptions options;
  options.actor_files = {"/no/such/actors.tsv"};
  auto bad = Extractor::create(options);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().to_string().find("/no/such/actors.tsv"), std::string::npos);
}

TEST(Extractor, NationalityWordsBecomeActorsOnlyWhereAnEventUsesThem) {
  auto extractor = Extractor::create({});
  ASSERT_TRUE(extractor);
  const Extraction x = extractor->extract(doc("The Japanese economy grew. Britain expelled 23 Russian diplomats."));
  for (const auto& m : x.actors.mentions) EXPECT_NE(m.sentence, 0u) << x.actors.actors[m.actor].id;
  ASSERT_FALSE(x.events.empty());
  EXPECT_EQ(x.events[0].source.code.substr(0, 3), "GBR");
  EXPECT_EQ(x.events[0].target.code.substr(0, 3), "RUS");
}

std::string run(const std::string& args) {
  const std::string command = std::string(DIPLOGRAPH_CLI) + " " + args + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 4096> buffer{};
  while (pipe && std::fgets(buffer.data(), buffer.size(), pipe.get())) out += buffer.data();
  return out;
}

TEST(ExtractCommand, PrintsDocumentActorAndEventRecordsAndTakesActors) {
  const std::string input = std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/extract/events/sakura.txt";
  const std::string out = run("extract --actors " + extra_actors() + " " + input);
  const auto document = out.find("\"type\":\"document\"");
  const auto actor = out.find("\"type\":\"actor\"");
  const auto event = out.find("\"type\":\"event\"");
  ASSERT_NE(document, std::string::npos) << out;
  ASSERT_NE(actor, std::string::npos) << out;
  ASSERT_NE(event, std::string::npos) << out;
  EXPECT_LT(document, actor);
  EXPECT_LT(actor, event);
  EXPECT_NE(out.find("\"code\":\"JPNBUS\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"cameo\":\"061\""), std::string::npos) << out;
  const std::string verbose = run("extract --verbose --actors " + extra_actors() + " " + input);
  EXPECT_NE(verbose.find("invest in +"), std::string::npos) << verbose;
}

}  // namespace
// "X thanked Y ... and said he hoped ...": "he" after a verb of saying is its speaker (X), not
// the person last named (Y).
TEST(Extractor, HeAfterSaidIsTheSpeaker) {
  auto extractor = Extractor::create({});
  ASSERT_TRUE(extractor) << extractor.error().to_string();
  const Extraction x = extractor->extract(
      doc("Taiwan's President Lai Ching-te thanked Japanese Prime Minister Fumio Kishida for his support "
          "and said he hoped for closer cooperation with Japan."));
  bool thanks = false, hope = false;
  for (const auto& e : x.events) {
    if (e.root == "05") {
      thanks = true;
      EXPECT_EQ(e.source.id, "person/lai-ching-te");
      EXPECT_EQ(e.target.id, "person/fumio-kishida");
    }
    if (e.root == "03") {
      hope = true;
      EXPECT_EQ(e.source.id, "person/lai-ching-te") << "the hope is Lai's, who said it";
      EXPECT_EQ(e.target.code.substr(0, 3), "JPN");
    }
  }
  EXPECT_TRUE(thanks);
  EXPECT_TRUE(hope);
}

// A name several leaders share ("Bush", "George Bush") is the one in office on the document's
// date; undated, the first in the table (the same country either way).
TEST(Extractor, ASharedLeaderNameIsTheOneInOffice) {
  auto extractor = Extractor::create({});
  ASSERT_TRUE(extractor) << extractor.error().to_string();
  auto source_on = [&](std::optional<Date> date, const std::string& text) {
    Document d = doc(text);
    d.date = date;
    const Extraction x = extractor->extract(d);
    return x.events.empty() ? std::string("none") : x.events.front().source.id;
  };
  EXPECT_EQ(source_on(Date{1990, 8, 20}, "Bush criticised Iraq."), "person/george-h-w-bush");
  EXPECT_EQ(source_on(Date{2003, 3, 20}, "Bush criticised Iraq."), "person/george-w-bush");
  EXPECT_EQ(source_on(Date{1990, 8, 20}, "George Bush thanked Kuwait."), "person/george-h-w-bush");
  const std::string undated = source_on(std::nullopt, "Bush criticised Iraq.");
  EXPECT_TRUE(undated == "person/george-w-bush" || undated == "person/george-h-w-bush") << undated;
}

// An event's date comes from its own clause: a date in a relative clause belongs to that
// clause's act, a deadline ("by March 15") is not a date the event happened.
TEST(Extractor, EventDatesComeFromTheirOwnClause) {
  auto extractor = Extractor::create({});
  ASSERT_TRUE(extractor) << extractor.error().to_string();
  auto date_of = [&](const std::string& text) {
    const Extraction x = extractor->extract(doc(text));  // dated Tuesday 2024-08-20
    return x.events.empty() || !x.events.front().date ? std::string("none") : x.events.front().date->iso();
  };
  EXPECT_EQ(date_of("Japan, which recalled its envoy in 2022, thanked Taiwan on Friday."), "2024-08-16");
  EXPECT_EQ(date_of("Japan thanked Taiwan, which removed its ambassador in 2022."), "2024-08-20");
  EXPECT_EQ(date_of("On Monday, China criticised Japan."), "2024-08-19");
  EXPECT_EQ(date_of("Japan praised Korea, the ministry said on Thursday."), "2024-08-15");
  EXPECT_EQ(date_of("China urged Japan to withdraw its ships by March 15."), "2024-08-20");
}

// "South American", "West African": a region's adjective names no state, and a state named by
// a description ("the South American country") is a state the story named before, in that
// region (data/actors/regions.tsv).
TEST(Extractor, ARegionIsNoStateAndADescribedStateIsTheLastOneNamed) {
  auto extractor = Extractor::create({});
  ASSERT_TRUE(extractor) << extractor.error().to_string();
  const Extraction x = extractor->extract(
      doc("Colombia turned back two planes carrying migrants. President Donald Trump imposed sanctions on the "
          "South American country on Sunday."));
  for (const auto& a : x.actors.actors) EXPECT_NE(a.id, "state/USA") << "'American' in 'South American'";
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].source.code.substr(0, 3), "USA");
  EXPECT_EQ(x.events[0].target.code.substr(0, 3), "COL");
  EXPECT_EQ(x.events[0].root, "16");
}

// "Earlier this month it imposed duties on brandy, a move aimed at France": the clause began
// with "it", so the comma ends no opening phrase and France is not the one who imposed them.
TEST(Extractor, AnOpeningPhraseEndsBeforeItsClausesSubject) {
  auto extractor = Extractor::create({});
  ASSERT_TRUE(extractor) << extractor.error().to_string();
  const Extraction x = extractor->extract(
      doc("Earlier this month it imposed duties on brandy imported from the EU, a move aimed at France."));
  for (const auto& e : x.events) EXPECT_NE(e.source.code.substr(0, 3), "FRA");
}

}  // namespace diplograph::extract
