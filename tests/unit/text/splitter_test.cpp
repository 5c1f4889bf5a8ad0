// The sentence splitter on hand-written tricky cases. Each case is a text and the sentences
// (their original bytes) it must split into.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "diplograph/text/splitter.hpp"
#include "text_test_helpers.hpp"

namespace diplograph::text {
namespace {

using test_support::sentence_texts;
using Strings = std::vector<std::string>;

struct SplitCase {
  const char* note;
  std::string text;
  Strings sentences;
};

class SplitterCases : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitterCases, Splits) {
  const SplitCase& c = GetParam();
  EXPECT_EQ(sentence_texts(c.text), c.sentences) << c.note;
}

const SplitCase kCases[] = {
    {"two plain sentences", "Japan thanked Taiwan. Taiwan thanked Japan.",
     {"Japan thanked Taiwan.", "Taiwan thanked Japan."}},
    {"question and exclamation", "Will they meet? Yes! They will.",
     {"Will they meet?", "Yes!", "They will."}},
    {"title abbreviations never end a sentence",
     "Mr. Lee met Dr. Sato and Gen. Ito. Sen. Warren and Gov. Hochul spoke.",
     {"Mr. Lee met Dr. Sato and Gen. Ito.", "Sen. Warren and Gov. Hochul spoke."}},
    {"more titles", "Lt. Col. Park met Rep. Kim and Mrs. Cho. Ms. Lin came too.",
     {"Lt. Col. Park met Rep. Kim and Mrs. Cho.", "Ms. Lin came too."}},
    {"U.S. followed by a name is not a boundary",
     "The U.S. President arrived in Tokyo. He left.",
     {"The U.S. President arrived in Tokyo.", "He left."}},
    {"U.S. at a sentence end followed by a capital opener",
     "He visited the U.S. The visit was short.",
     {"He visited the U.S.", "The visit was short."}},
    {"U.N. at the end, then a pronoun", "They appealed to the U.N. It did not answer.",
     {"They appealed to the U.N.", "It did not answer."}},
    {"U.K. and E.U. inside", "The U.K. and the E.U. signed a deal.",
     {"The U.K. and the E.U. signed a deal."}},
    {"company suffix inside", "Toyota Motor Co. Chief Akio Toyoda spoke. Sales rose.",
     {"Toyota Motor Co. Chief Akio Toyoda spoke.", "Sales rose."}},
    {"company suffix at the end", "He works for Acme Corp. The firm grew.",
     {"He works for Acme Corp.", "The firm grew."}},
    {"Inc. and Ltd.", "Shares of Foo Inc. and Bar Ltd. fell. Both recovered.",
     {"Shares of Foo Inc. and Bar Ltd. fell.", "Both recovered."}},
    {"initials in a name", "President George W. Bush met John F. Kennedy Jr. today.",
     {"President George W. Bush met John F. Kennedy Jr. today."}},
    {"a letter after a lower-case word ends", "They chose plan B. Talks stalled.",
     {"They chose plan B.", "Talks stalled."}},
    {"decimals", "Growth was 3.5 percent. It was 2.1 percent before.",
     {"Growth was 3.5 percent.", "It was 2.1 percent before."}},
    {"months and numbers", "They met on Jan. 5 and Feb. 12. No. 10 Downing St. was quiet.",
     {"They met on Jan. 5 and Feb. 12.", "No. 10 Downing St. was quiet."}},
    {"closing quote after the stop", "He called it \u201ckizuna.\u201d Japan agreed.",
     {"He called it \u201ckizuna.\u201d", "Japan agreed."}},
    {"straight quotes", "She said \"we will come.\" Then she left.",
     {"She said \"we will come.\"", "Then she left."}},
    {"quote opens the next sentence", "He arrived. \"We are ready,\" he said.",
     {"He arrived.", "\"We are ready,\" he said."}},
    {"question inside a quote, lower-case after", "\"Why now?\" asked the envoy. He waited.",
     {"\"Why now?\" asked the envoy.", "He waited."}},
    {"parenthesis after the stop", "It ended (after a long night.) The next day was calm.",
     {"It ended (after a long night.)", "The next day was calm."}},
    {"parenthesised sentence", "Talks ended. (A deal is due next week.) Markets rose.",
     {"Talks ended.", "(A deal is due next week.)", "Markets rose."}},
    {"abbreviation before a parenthesis", "Taiwan Semiconductor Manufacturing Co. (TSMC) grew.",
     {"Taiwan Semiconductor Manufacturing Co. (TSMC) grew."}},
    {"ellipsis then lower case continues", "He said... and then he left.",
     {"He said... and then he left."}},
    {"ellipsis then capital ends", "He paused\u2026 Then he left.",
     {"He paused\u2026", "Then he left."}},
    {"lower case after a full stop does not end", "The Rev. Smith met approx. five people.",
     {"The Rev. Smith met approx. five people."}},
    {"headline without full stop", "Japan and Taiwan pledge closer ties\nTokyo said on Friday it would help.",
     {"Japan and Taiwan pledge closer ties", "Tokyo said on Friday it would help."}},
    {"blank line ends a paragraph without a stop", "First paragraph ends here\n\nSecond one.",
     {"First paragraph ends here", "Second one."}},
    {"blank line with spaces and CRLF", "One line\r\n  \r\nTwo lines.",
     {"One line", "Two lines."}},
    {"hard-wrapped prose stays one sentence",
     "The minister said that\nthe talks would resume. They did.",
     {"The minister said that\nthe talks would resume.", "They did."}},
    {"wrapped line ending in a function word", "He spoke to the\nPrime Minister on Friday.",
     {"He spoke to the\nPrime Minister on Friday."}},
    {"wrapped line ending in a comma", "Japan, Taiwan,\nKorea and China met.",
     {"Japan, Taiwan,\nKorea and China met."}},
    {"line break after a full-stop line", "Japan agreed. Taiwan\nwaited for the answer.",
     {"Japan agreed.", "Taiwan\nwaited for the answer."}},
    {"numbered list", "1. Japan agrees\n2. Taiwan agrees",
     {"1. Japan agrees", "2. Taiwan agrees"}},
    {"dateline with dash", "TOKYO (Reuters) - Japan thanked Taiwan on Friday.",
     {"TOKYO (Reuters) - Japan thanked Taiwan on Friday."}},
    {"en dash between names", "Japan\u2013Taiwan ties grew. Trade rose.",
     {"Japan\u2013Taiwan ties grew.", "Trade rose."}},
    {"non-breaking space after full stop", "Japan agreed.\u00a0Taiwan agreed.",
     {"Japan agreed.", "Taiwan agreed."}},
    {"no space after full stop (a web address)", "See example.com for details.",
     {"See example.com for details."}},
    {"a.m. inside", "They met at 10 a.m. on Friday. Talks ended.",
     {"They met at 10 a.m. on Friday.", "Talks ended."}},
    {"e.g. never ends", "Some states, e.g. Japan and Korea, agreed.",
     {"Some states, e.g. Japan and Korea, agreed."}},
    {"vs. never ends", "It was Japan vs. Korea. Japan won.", {"It was Japan vs. Korea.", "Japan won."}},
    {"etc. at the end then a capital opener", "Japan, Korea, etc. The list grew.",
     {"Japan, Korea, etc.", "The list grew."}},
    {"etc. followed by a comma", "Japan, Korea, etc., agreed.", {"Japan, Korea, etc., agreed."}},
    {"text without final stop", "Japan thanked Taiwan", {"Japan thanked Taiwan"}},
    {"only white space", " \n\n\t ", {}},
    {"several stops", "Really?! Yes. Fine!!", {"Really?!", "Yes.", "Fine!!"}},
    {"sentence starting with a number", "Prices fell. 70 members arrived.",
     {"Prices fell.", "70 members arrived."}},
    {"headline, byline and dateline lines", "Japan, Taiwan pledge ties\nBy Jane Roe\nTOKYO - Japan agreed.",
     {"Japan, Taiwan pledge ties", "By Jane Roe", "TOKYO - Japan agreed."}},
    {"bulleted lines", "\u2022 Japan agrees\n\u2022 Taiwan agrees",
     {"\u2022 Japan agrees", "\u2022 Taiwan agrees"}},
    {"a wrapped line inside a running sentence does not end it",
     "The envoys met officials from the youth division in\nTaiwan and members of the House\nFriday. Talks ended.",
     {"The envoys met officials from the youth division in\nTaiwan and members of the House\nFriday.",
      "Talks ended."}},
    {"dateline with a month abbreviation", "WASHINGTON, Aug. 20 (Xinhua) -- The talks began.",
     {"WASHINGTON, Aug. 20 (Xinhua) -- The talks began."}},
    {"abbreviation then closing quote then opener", "He said \"in the U.S.\" The rest agreed.",
     {"He said \"in the U.S.\"", "The rest agreed."}},
    {"web address at the end", "See https://example.org/a. Next came the vote.",
     {"See https://example.org/a.", "Next came the vote."}},
    {"Saint and Street never end", "They met in St. Petersburg on Nevsky Prospekt.",
     {"They met in St. Petersburg on Nevsky Prospekt."}},
    {"Roe v. Wade", "The case Roe v. Wade was cited.", {"The case Roe v. Wade was cited."}},
    {"incl. and company forms", "Firms incl. Acme Pte. Ltd. and Foo Sdn. Bhd. signed. Others waited.",
     {"Firms incl. Acme Pte. Ltd. and Foo Sdn. Bhd. signed.", "Others waited."}},
    {"a.m. before a capitalised name", "He landed at 11:30 a.m. Japan time. He left.",
     {"He landed at 11:30 a.m. Japan time.", "He left."}},
    {"U.S. at the end followed by a country name", "Talks stalled in the U.S. Japan also objected.",
     {"Talks stalled in the U.S.", "Japan also objected."}},
    {"acronyms inside names", "The U.S. Trade Representative met the U.N. Security Council.",
     {"The U.S. Trade Representative met the U.N. Security Council."}},
    {"acronym before a title abbreviation", "He met U.S. Sen. Marco Rubio. They spoke.",
     {"He met U.S. Sen. Marco Rubio.", "They spoke."}},
    {"acronym before a hyphenated title", "The U.N. Secretary-General spoke. Nobody replied.",
     {"The U.N. Secretary-General spoke.", "Nobody replied."}},
    {"acronym before capitals stays", "Ties with U.S. NATO allies grew.",
     {"Ties with U.S. NATO allies grew."}},
    {"acronym before a parenthesis stays", "Sales in the U.S. (Reuters) grew.",
     {"Sales in the U.S. (Reuters) grew."}},
    {"D.C. then a name of a body", "Washington, D.C. Mayor Muriel Bowser spoke.",
     {"Washington, D.C. Mayor Muriel Bowser spoke."}},
};

INSTANTIATE_TEST_SUITE_P(Tricky, SplitterCases, ::testing::ValuesIn(kCases));

TEST(Splitter, SentenceSpansMatchTheirTokens) {
  const std::string text =
      "Japan\u2019s PM met Taiwan\u2019s envoy. \u201cWe agree,\u201d he said.\n\nNext paragraph";
  const std::vector<Sentence> sentences = split_sentences(text);
  ASSERT_EQ(sentences.size(), 3U);
  for (const Sentence& s : sentences) {
    ASSERT_FALSE(s.tokens.empty());
    EXPECT_EQ(s.span.start, s.tokens.front().span.start);
    EXPECT_EQ(s.span.end, s.tokens.back().span.end);
    for (std::size_t i = 1; i < s.tokens.size(); ++i)
      EXPECT_LE(s.tokens[i - 1].span.end, s.tokens[i].span.start);
  }
  EXPECT_EQ(sentences[1].tokens.front().text, "\"");
  EXPECT_EQ(sentences[2].tokens.size(), 2U);
}

TEST(Splitter, NoTokenIsLost) {
  const std::string text = "A. B. C... D? \"E!\" (F.) G\n\nH";
  std::size_t total = 0;
  for (const Sentence& s : split_sentences(text)) total += s.tokens.size();
  EXPECT_EQ(total, tokenize(text).size());
}

TEST(Splitter, LongRunIsCutAtTheTokenLimit) {
  std::string text;
  for (std::size_t i = 0; i < kMaxSentenceTokens + 10; ++i) text += "word ";
  const std::vector<Sentence> sentences = split_sentences(text);
  ASSERT_EQ(sentences.size(), 2U);
  EXPECT_EQ(sentences[0].tokens.size(), kMaxSentenceTokens);
  EXPECT_EQ(sentences[1].tokens.size(), 10U);
}

// The cut every kMaxSentenceTokens tokens counts from the last sentence start.
TEST(Splitter, TokenLimitCountsFromTheLastSentence) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "word ";
  text += "end. The";
  for (std::size_t i = 0; i < kMaxSentenceTokens + 500; ++i) text += " word";
  const std::vector<Sentence> sentences = split_sentences(text);
  ASSERT_EQ(sentences.size(), 3U);
  EXPECT_EQ(sentences[0].tokens.size(), 502U);
  EXPECT_EQ(sentences[1].tokens.size(), kMaxSentenceTokens);
  EXPECT_EQ(sentences[2].tokens.size(), 501U);
}

// The splitter keeps its scratch space between calls, except after a huge paragraph: either
// way the next text is split on its own.
TEST(Splitter, AHugeParagraphThenSmallOnes) {
  std::string huge;
  for (int i = 0; i < 100000; ++i) huge += "Word.\n";
  EXPECT_EQ(split_sentences(huge).size(), 100000U);
  EXPECT_EQ(sentence_texts("Hi there. Bye now.\n\nNext\n"),
            (Strings{"Hi there.", "Bye now.", "Next"}));
  EXPECT_EQ(sentence_texts("One more."), Strings{"One more."});
}

TEST(Splitter, SplitDocumentFillsSentences) {
  Document doc;
  doc.text = "Japan thanked Taiwan. Taiwan thanked Japan.";
  split_document(doc);
  ASSERT_EQ(doc.sentences.size(), 2U);
  EXPECT_EQ(doc.sentences[1].span.start, 22U);
}

}  // namespace
}  // namespace diplograph::text
