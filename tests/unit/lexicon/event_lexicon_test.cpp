// The event pattern lexicon: inflection, the pattern format, and the compiled matcher checked
// against a deliberately simple reference matcher (a set simulation instead of backtracking).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "diplograph/lexicon/event_lexicon.hpp"

namespace diplograph::lexicon {
namespace {

bool has(const std::vector<std::string>& forms, const std::string& f) {
  return std::find(forms.begin(), forms.end(), f) != forms.end();
}

TEST(Inflections, RegularVerbs) {
  const auto thank = inflections("thank");
  for (const char* f : {"thank", "thanks", "thanked", "thanking"}) EXPECT_TRUE(has(thank, f)) << f;
  const auto praise = inflections("praise");
  for (const char* f : {"praise", "praises", "praised", "praising"}) EXPECT_TRUE(has(praise, f)) << f;
  const auto apply = inflections("apply");
  for (const char* f : {"applies", "applied", "applying"}) EXPECT_TRUE(has(apply, f)) << f;
  const auto ban = inflections("ban");
  for (const char* f : {"bans", "banned", "banning"}) EXPECT_TRUE(has(ban, f)) << f;
  const auto visit = inflections("visit");
  for (const char* f : {"visits", "visited", "visiting"}) EXPECT_TRUE(has(visit, f)) << f;
  const auto agree = inflections("agree");
  for (const char* f : {"agrees", "agreed", "agreeing"}) EXPECT_TRUE(has(agree, f)) << f;
  const auto reach = inflections("reach");
  EXPECT_TRUE(has(reach, "reaches"));
}

TEST(Inflections, IrregularVerbsAndClosedWords) {
  const auto meet = inflections("meet");
  for (const char* f : {"meet", "meets", "met", "meeting"}) EXPECT_TRUE(has(meet, f)) << f;
  EXPECT_FALSE(has(meet, "meeted"));
  const auto withdraw = inflections("withdraw");
  for (const char* f : {"withdrew", "withdrawn", "withdraws", "withdrawing"}) EXPECT_TRUE(has(withdraw, f)) << f;
  const auto seek = inflections("seek");
  EXPECT_TRUE(has(seek, "sought"));
  EXPECT_EQ(inflections("with"), std::vector<std::string>{"with"});
  EXPECT_EQ(inflections("to"), std::vector<std::string>{"to"});
  EXPECT_TRUE(is_past_participle_of("held", "hold"));
  EXPECT_TRUE(is_past_participle_of("expelled", "expel"));
  EXPECT_FALSE(is_past_participle_of("holds", "hold"));
}

std::vector<Token> tokens_of(std::initializer_list<const char*> words) {
  std::vector<Token> out;
  std::size_t at = 0;
  for (const char* w : words) {
    Token t;
    t.text = w;
    t.lower = w;
    for (auto& c : t.lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    t.kind = std::ispunct(static_cast<unsigned char>(w[0])) ? TokenKind::punct : TokenKind::word;
    t.span = Span{at, at + t.text.size()};
    at += t.text.size() + 1;
    out.push_back(std::move(t));
  }
  return out;
}

TEST(EventPatternSet, ParsesFlagsSlotsAndComments) {
  EventPatternSet set;
  ASSERT_TRUE(set.add("# comment\n\n046   hold * talks with +   @sym  # trailing\n0451 mediate between + @pair\n",
                      "p.txt"));
  EXPECT_EQ(set.size(), 2u);
  const auto m = std::move(set).compile();
  EXPECT_EQ(m->pattern(0).code, "046");
  EXPECT_TRUE(m->pattern(0).symmetric);
  EXPECT_TRUE(m->pattern(0).has_target_slot);
  EXPECT_EQ(m->pattern(0).line, 3u);
  EXPECT_EQ(m->pattern(0).text, "hold * talks with +");
  EXPECT_TRUE(m->pattern(1).pair);
}

TEST(EventPatternSet, RejectsBadLinesWithTheirLine) {
  const char* bad[] = {
      "abc visit +\n",          // no code
      "21 visit +\n",           // no such root
      "042 +\n",                // starts with a slot
      "042 visit? +\n",         // optional first word
      "042 visit *\n",          // ends with a gap
      "042 visit + +\n",        // two target slots
      "042 visit *20 to +\n",   // gap too long
      "042 visit + @loud\n",    // unknown flag
      "042 Visit +\n",          // capitals
      "042 visit ||to +\n",     // empty alternative
      "020 (urge|call on +\n",  // group not closed
      "020 urge|call) on +\n",  // group not opened
      "020 (urge|) +\n",        // empty alternative in a group
      "020 ((urge) | call) +\n", // nested groups
  };
  for (const char* text : bad) {
    EventPatternSet set;
    auto ok = set.add(std::string("051 praise +\n") + text, "bad.txt");
    ASSERT_FALSE(ok) << text;
    EXPECT_EQ(ok.error().line, 2u) << text;
    EXPECT_EQ(ok.error().file, "bad.txt");
  }
}

TEST(EventMatcher, MatchesInflectionsGapsSlotsAndTimeWords) {
  EventPatternSet set;
  ASSERT_TRUE(set.add("046 hold * talks with +\n051 thank +\n112 accuse + of\n043 give * welcome to +\n", "p"));
  const auto m = std::move(set).compile();
  auto toks = tokens_of({"Japan", "held", "two", "days", "of", "talks", "with", "India"});
  auto found = m->match(toks);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first, 1u);
  EXPECT_EQ(found[0].last, 6u);
  EXPECT_EQ(found[0].target_slot, 7);
  // A gap does not run across a comma.
  toks = tokens_of({"Japan", "held", "firm", ",", "talks", "with", "India"});
  EXPECT_TRUE(m->match(toks).empty());
  // A slot followed by words spans the actor.
  toks = tokens_of({"China", "accused", "the", "United", "States", "of", "meddling"});
  found = m->match(toks);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].target_slot, 2);
  EXPECT_EQ(found[0].last, 5u);
  // Time words may stand between pattern words.
  toks = tokens_of({"Chirac", "gave", "a", "warm", "welcome", "on", "Thursday", "to", "Mandela"});
  found = m->match(toks);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].target_slot, 8);
  toks = tokens_of({"Chirac", "gave", "a", "warm", "welcome", "in", "Paris", "to", "Mandela"});
  EXPECT_TRUE(m->match(toks).empty());
}

TEST(EventMatcher, BuiltinCoversEveryRoot) {
  const auto m = EventMatcher::builtin();
  std::set<std::string> roots;
  for (std::size_t i = 0; i < m->size(); ++i) roots.insert(m->pattern(i).code.substr(0, 2));
  EXPECT_EQ(roots.size(), 20u);
  auto toks = tokens_of({"Britain", "expelled", "23", "Russian", "diplomats"});
  const auto found = m->match(toks);
  EXPECT_TRUE(std::any_of(found.begin(), found.end(), [&](const PatternMatch& x) {
    return m->pattern(x.pattern).code == "161" && x.last == 4;
  }));
}

// The reference: which token positions each element can reach, as a set, element by element.
bool reference_matches(const std::vector<EventPatternSet::Element>& elements, const std::vector<Token>& tokens,
                       std::size_t first, const std::vector<bool>& transparent) {
  using Kind = EventPatternSet::Element::Kind;
  auto stops = [&](std::size_t t) {
    const auto& x = tokens[t].text;
    return tokens[t].kind == TokenKind::punct &&
           (x == "," || x == ";" || x == ":" || x == "." || x == "?" || x == "!" || x == "(" || x == ")");
  };
  auto word_ok = [&](const EventPatternSet::Element& e, std::size_t t) {
    return std::find(e.forms.begin(), e.forms.end(), tokens[t].lower) != e.forms.end();
  };
  std::set<std::size_t> at{first};
  for (std::size_t k = 0; k < elements.size(); ++k) {
    const auto& e = elements[k];
    std::set<std::size_t> next;
    for (const std::size_t t : at) {
      if (e.kind == Kind::word) {
        for (std::size_t u = t; u < tokens.size(); ++u) {
          if (word_ok(e, u)) {
            next.insert(u + 1);
            break;
          }
          if (k == 0 || !transparent[u]) break;
        }
        if (e.optional) next.insert(t);
      } else {
        std::size_t most = 0;
        if (e.kind == Kind::gap) most = e.max_gap;
        else if (k + 1 < elements.size() && elements[k + 1].kind == Kind::word) most = 6;
        next.insert(t);
        for (std::size_t s = 1; s <= most && t + s - 1 < tokens.size() && !stops(t + s - 1); ++s) next.insert(t + s);
      }
    }
    at = std::move(next);
    if (at.empty()) return false;
  }
  return true;
}

TEST(EventMatcher, AgreesWithTheReferenceOnRandomInput) {
  std::mt19937 rng(20240820);
  const std::vector<std::string> vocabulary = {"thank", "thanked", "meet", "met", "with", "to", "the", ",",
                                               "japan", "on", "friday", "today", "x", "talks", "of"};
  const std::vector<std::string> pieces = {"thank", "meet", "with", "to", "the", "talk", "of", "x",
                                           "with?", "the?", "*", "*2", "+", "<", "meet|thank", "=met"};
  std::size_t matched = 0;
  for (int round = 0; round < 300; ++round) {
    std::string line = "051 ";
    line += std::vector<std::string>{"thank", "meet", "talk", "with"}[rng() % 4];
    const int n = 1 + static_cast<int>(rng() % 4);
    bool target = false, source = false;
    std::string last;
    for (int i = 0; i < n; ++i) {
      std::string p = pieces[rng() % pieces.size()];
      if (p == "+" && target) continue;
      if (p == "<" && source) continue;
      if (p == "+") target = true;
      if (p == "<") source = true;
      line += " " + p;
      last = p;
    }
    if (last.front() == '*') line += " x";
    EventPatternSet set;
    ASSERT_TRUE(set.add(line + "\n", "random")) << line;
    const auto m = std::move(set).compile();
    for (int sentence = 0; sentence < 20; ++sentence) {
      std::vector<Token> tokens;
      const int len = 1 + static_cast<int>(rng() % 12);
      for (int i = 0; i < len; ++i) {
        Token t;
        t.text = t.lower = vocabulary[rng() % vocabulary.size()];
        t.kind = t.text == "," ? TokenKind::punct : TokenKind::word;
        tokens.push_back(std::move(t));
      }
      const auto transparent = EventMatcher::transparent_tokens(tokens);
      const auto found = m->match(tokens);
      for (std::uint32_t first = 0; first < tokens.size(); ++first) {
        const bool expected = reference_matches(m->elements(0), tokens, first, transparent);
        const bool actual = std::any_of(found.begin(), found.end(), [&](const PatternMatch& x) { return x.first == first; });
        ASSERT_EQ(actual, expected) << line << " at " << first;
        if (actual) ++matched;
      }
    }
  }
  EXPECT_GT(matched, 100u);  // the random cases do exercise matches
}

}  // namespace
// "(urge|call on) +" is "urge +" and "call on +": a group of word sequences, expanded into one
// pattern per alternative, each reporting the line it was written on.
TEST(EventPatternSet, GroupsExpandIntoOnePatternPerAlternative) {
  EventPatternSet set;
  ASSERT_TRUE(set.add("# groups\n020 (urge|call on|appeal to) + to\n", "g.txt"));
  ASSERT_EQ(set.size(), 3u);
  const auto m = std::move(set).compile();
  for (std::size_t i = 0; i < m->size(); ++i) {
    EXPECT_EQ(m->pattern(i).line, 2u);
    EXPECT_EQ(m->pattern(i).code, "020");
  }
  EXPECT_EQ(m->pattern(0).text, "urge + to");
  EXPECT_EQ(m->pattern(1).text, "call on + to");
  EXPECT_EQ(m->pattern(2).text, "appeal to + to");
  // "call on" needs both words: "called Japan to" is not "call on + to"
  EXPECT_EQ(m->match(tokens_of({"Seoul", "called", "on", "Japan", "to", "act"})).size(), 1u);
  EXPECT_TRUE(m->match(tokens_of({"Seoul", "called", "Japan", "to", "act"})).empty());
  EXPECT_EQ(m->match(tokens_of({"Seoul", "urged", "Japan", "to", "act"})).size(), 1u);
  // two groups: every combination
  EventPatternSet two;
  ASSERT_TRUE(two.add("051 (thank|praise) + (for|over)\n", "g.txt"));
  EXPECT_EQ(two.size(), 4u);
}

}  // namespace diplograph::lexicon
