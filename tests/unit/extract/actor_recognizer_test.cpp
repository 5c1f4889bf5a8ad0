// Actor recognition and coreference on sentences written for the project: the validation table
// tests/data/extract/actor_validation.tsv (one record per cue), plus the recogniser's contract
// with the event coder (sorted, non-overlapping mentions pointing at sorted, unique actors).
#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "diplograph/extract/actor_recognizer.hpp"
#include "diplograph/lexicon/actor_lexicon.hpp"
#include "diplograph/text/splitter.hpp"

namespace diplograph::extract {
namespace {

Document make_document(std::string text, std::string_view date = "2024-08-20") {
  Document d;
  d.id = "test";
  d.date = Date::parse(date);
  d.text = std::move(text);
  text::split_document(d);
  return d;
}

const ActorRecognizer& recognizer() {
  static const ActorRecognizer r(lexicon::ActorLexicon::builtin());
  return r;
}

std::string surface(const Document& d, const Mention& m) {
  return d.text.substr(m.span.start, m.span.end - m.span.start);
}

std::string describe(const Document& d, const DocumentActors& found) {
  std::string out;
  for (const auto& m : found.mentions)
    out += "  [" + surface(d, m) + "] -> " + found.actors[m.actor].id + " " +
           found.actors[m.actor].code + "\n";
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

struct Record {
  std::size_t line = 0;
  std::string date, text, note, expected;
};

std::vector<Record> validation_records() {
  std::ifstream in(std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/extract/actor_validation.tsv");
  std::vector<Record> out;
  std::string line;
  std::size_t n = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto f = split(line, '\t');
    if (f.size() != 4) {
      ADD_FAILURE() << "actor_validation.tsv:" << n << ": expected 4 fields";
      continue;
    }
    out.push_back({n, f[0], f[1], f[2], f[3]});
  }
  return out;
}

TEST(ActorValidation, EveryRecordFindsItsActors) {
  const auto records = validation_records();
  ASSERT_GE(records.size(), 30u);
  for (const auto& r : records) {
    SCOPED_TRACE("actor_validation.tsv:" + std::to_string(r.line) + " (" + r.note + ")");
    const Document d = make_document(r.text, r.date);
    const DocumentActors found = recognizer().recognize(d);
    std::map<std::string, std::size_t> seen;  // surface -> how many items checked so far
    for (const auto& item : split(r.expected, ';')) {
      if (item.empty()) continue;
      if (item[0] == '!') {
        const std::string s = item.substr(1);
        for (const auto& m : found.mentions)
          EXPECT_NE(surface(d, m), s) << "unexpected actor " << s << "\n" << describe(d, found);
        continue;
      }
      const auto eq = item.rfind('=');
      ASSERT_NE(eq, std::string::npos) << item;
      const std::string s = item.substr(0, eq);
      std::string code = item.substr(eq + 1);
      std::string id;
      if (auto at = code.find('@'); at != std::string::npos) {
        id = code.substr(at + 1);
        code = code.substr(0, at);
      }
      const std::size_t nth = seen[s]++;
      std::size_t k = 0;
      const Mention* hit = nullptr;
      for (const auto& m : found.mentions)
        if (surface(d, m) == s && k++ == nth) {
          hit = &m;
          break;
        }
      if (!hit) {
        ADD_FAILURE() << "no mention [" << s << "] (#" << nth + 1 << ")\n" << describe(d, found);
        continue;
      }
      const Actor& a = found.actors[hit->actor];
      // A code given as a role only ("PTY") checks the role part of a six-letter code.
      if (code.size() == 3 && a.code.size() == 6)
        EXPECT_EQ(a.code.substr(3), code) << s << "\n" << describe(d, found);
      else
        EXPECT_EQ(a.code, code) << s << "\n" << describe(d, found);
      if (!id.empty()) {
        EXPECT_EQ(a.id, id) << s << "\n" << describe(d, found);
      }
    }
  }
}

// A paragraph in the style of a wire report, written for this test.
constexpr const char* kReport =
    "Indonesian President Joko Widodo welcomed Australian Prime Minister Anthony Albanese to "
    "Jakarta on Tuesday. Widodo said the two countries would deepen defence ties, and he "
    "thanked Canberra for its support. The ruling Democratic Unity Party (DUP) backed the plan. "
    "Later the DUP said Indonesia's Ministry of Defence would host Australian troops. "
    "Albanese told reporters that the Australian Defence Force (ADF) would join drills with "
    "the Indonesian navy.";

TEST(ActorRecognizer, ReportGetsActorsCodesAndCoreference) {
  const Document d = make_document(kReport, "2023-07-04");
  const DocumentActors found = recognizer().recognize(d);
  std::map<std::string, std::string> code_of;
  std::map<std::string, int> mentions_of;
  for (const auto& a : found.actors) code_of[a.id] = a.code;
  for (const auto& m : found.mentions) ++mentions_of[found.actors[m.actor].id];
  EXPECT_EQ(code_of["person/joko-widodo"], "IDNGOV") << describe(d, found);
  EXPECT_EQ(code_of["person/anthony-albanese"], "AUSGOV");
  EXPECT_EQ(mentions_of["person/joko-widodo"], 3) << "full name, surname, he\n" << describe(d, found);
  EXPECT_EQ(mentions_of["person/anthony-albanese"], 2) << describe(d, found);
  EXPECT_EQ(code_of["org/AUS/government"], "AUSGOV") << "Canberra";
  EXPECT_EQ(code_of["org/IDN/ministry-of-defence"], "IDNMIL") << describe(d, found);
  EXPECT_EQ(code_of["org/AUS/military"], "AUSMIL") << "Australian troops";
  EXPECT_EQ(code_of["org/IDN/military"], "IDNMIL") << "Indonesian navy";
  EXPECT_EQ(code_of["org/AUS/australian-defence-force"], "AUSMIL") << describe(d, found);
  EXPECT_EQ(mentions_of["org/AUS/australian-defence-force"], 2) << "name and (ADF)";
  EXPECT_EQ(mentions_of["state/AUS"] + mentions_of["state/IDN"] >= 3, true);
  // "the two countries" stands for both.
  int group = 0;
  for (const auto& m : found.mentions)
    if (surface(d, m) == "the two countries") ++group;
  EXPECT_EQ(group, 2) << describe(d, found);
  // The party's country comes from the sentence context (none here) or the document: IDN/AUS.
  bool party = false;
  for (const auto& a : found.actors)
    if (a.name == "Democratic Unity Party") {
      party = true;
      EXPECT_EQ(a.kind, ActorKind::party);
      EXPECT_TRUE(a.code.ends_with("PTY"));
    }
  EXPECT_TRUE(party) << describe(d, found);
}

TEST(ActorRecognizer, KeepsTheContractWithTheEventCoder) {
  const Document d = make_document(kReport, "2023-07-04");
  const DocumentActors found = recognizer().recognize(d);
  ASSERT_FALSE(found.actors.empty());
  for (std::size_t a = 1; a < found.actors.size(); ++a)
    EXPECT_LT(found.actors[a - 1].id, found.actors[a].id) << "actors sorted by id, ids unique";
  for (std::size_t k = 0; k < found.mentions.size(); ++k) {
    const Mention& m = found.mentions[k];
    ASSERT_LT(m.actor, found.actors.size());
    ASSERT_LT(m.sentence, d.sentences.size());
    const auto& tokens = d.sentences[m.sentence].tokens;
    ASSERT_LE(m.first_token, m.last_token);
    ASSERT_LT(m.last_token, tokens.size());
    EXPECT_EQ(m.span.start, tokens[m.first_token].span.start);
    EXPECT_EQ(m.span.end, tokens[m.last_token].span.end);
    if (k == 0) continue;
    const Mention& p = found.mentions[k - 1];
    EXPECT_TRUE(std::tie(p.sentence, p.first_token) <= std::tie(m.sentence, m.first_token));
    const bool same_tokens = p.sentence == m.sentence && p.first_token == m.first_token &&
                             p.last_token == m.last_token;
    if (p.sentence == m.sentence && !same_tokens) {
      EXPECT_LT(p.last_token, m.first_token) << "mentions overlap\n" << describe(d, found);
    }
  }
}

// Random sentences from words that trigger every rule: the contract must hold whatever comes.
TEST(ActorRecognizer, KeepsTheContractOnRandomText) {
  const std::vector<std::string> words = {
      "Japan", "Japanese", "President", "Prime", "Minister", "the", "two", "nations", "both",
      "countries", "he", "his", "she", "her", "(", ")", "LDP", "Ministry", "of", "Foreign",
      "Affairs", "Co", "Party", ",", "as", "a", "'s", "-", "Lee", "Kishida", "Chile-Peru", "US",
      "Forces", "Tokyo", "in", "visited", "NATO", "Secretary", "General", "Omar", "van", "der",
      "Berg", ".", "Mr.", "Representative", "envoy", "new", "foreign", "ministry", "spokeswoman",
      "said", "Irina", "Volkova", "Russian", "officials", "companies", "Palestinians", "Iraqi",
      "towns", "The", "chancellor", "Abe", "Trump", "ABC", "2024", ";", "Taiwan", "Strait"};
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int len = static_cast<int>(rng() % 60);
    for (int k = 0; k < len; ++k) text += words[rng() % words.size()] + " ";
    const Document d = make_document(text, round % 2 ? "2019-05-05" : "2024-08-20");
    const DocumentActors found = recognizer().recognize(d);
    for (std::size_t a = 1; a < found.actors.size(); ++a)
      ASSERT_LT(found.actors[a - 1].id, found.actors[a].id) << text;
    for (std::size_t k = 0; k < found.mentions.size(); ++k) {
      const Mention& m = found.mentions[k];
      ASSERT_LT(m.actor, found.actors.size()) << text;
      ASSERT_LT(m.sentence, d.sentences.size()) << text;
      const auto& tokens = d.sentences[m.sentence].tokens;
      ASSERT_LE(m.first_token, m.last_token) << text;
      ASSERT_LT(m.last_token, tokens.size()) << text;
      ASSERT_EQ(m.span.start, tokens[m.first_token].span.start) << text;
      ASSERT_EQ(m.span.end, tokens[m.last_token].span.end) << text;
      if (k == 0) continue;
      const Mention& p = found.mentions[k - 1];
      ASSERT_TRUE(std::tie(p.sentence, p.first_token) <= std::tie(m.sentence, m.first_token)) << text;
      const bool same = p.sentence == m.sentence && p.first_token == m.first_token &&
                        p.last_token == m.last_token;
      if (p.sentence == m.sentence && !same) {
        ASSERT_LT(p.last_token, m.first_token) << "overlap in: " << text << "\n" << describe(d, found);
      }
    }
  }
}

TEST(ActorRecognizer, IsDeterministicAndSafeAcrossThreads) {
  const Document d = make_document(kReport, "2023-07-04");
  const DocumentActors once = recognizer().recognize(d);
  std::vector<DocumentActors> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) threads.emplace_back([&] { r = recognizer().recognize(d); });
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_EQ(r.actors.size(), once.actors.size());
    ASSERT_EQ(r.mentions.size(), once.mentions.size());
    for (std::size_t k = 0; k < r.mentions.size(); ++k)
      EXPECT_EQ(r.mentions[k].span, once.mentions[k].span);
  }
}

TEST(ActorRecognizer, DateDecidesWhetherALeaderIsInOffice) {
  const std::string text = "Merkel met Macron in Berlin.";
  auto code = [&](std::string_view date) {
    const Document d = make_document(text, date);
    const auto found = recognizer().recognize(d);
    for (const auto& a : found.actors)
      if (a.id == "person/angela-merkel") return a.code;
    return std::string("missing");
  };
  EXPECT_EQ(code("2019-01-01"), "DEUGOV");
  EXPECT_EQ(code("2023-01-01"), "DEUELI");
}

TEST(ActorRecognizer, PronounsPreferTheSubjectAndRespectGender) {
  const Document d = make_document(
      "Foreign Minister Elena Duarte of Portugal met Ambassador Omar Haddad of Jordan. "
      "She said the meeting was warm. He agreed.",
      "2024-01-01");
  const auto found = recognizer().recognize(d);
  std::map<std::string, std::string> who;
  for (const auto& m : found.mentions) who[surface(d, m)] = found.actors[m.actor].id;
  EXPECT_EQ(who["She"], "person/elena-duarte") << describe(d, found);
  // "He" has no male antecedent known by title; the subject rule gives the first person unless
  // gender rules it out: Duarte is now known to be female, so Haddad.
  EXPECT_EQ(who["He"], "person/omar-haddad") << describe(d, found);
}

TEST(ActorRecognizer, EmptyAndActorlessDocuments) {
  EXPECT_TRUE(recognizer().recognize(make_document("")).mentions.empty());
  const auto none = recognizer().recognize(make_document("It rained all day on Monday in the hills."));
  EXPECT_TRUE(none.actors.empty());
  EXPECT_TRUE(none.mentions.empty());
}

}  // namespace
}  // namespace diplograph::extract
