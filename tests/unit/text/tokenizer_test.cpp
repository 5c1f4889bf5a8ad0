// The tokenizer: what is one token, what each token's text, lower form, kind and span are.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "diplograph/text/splitter.hpp"
#include "diplograph/text/utf8.hpp"
#include "text_test_helpers.hpp"

namespace diplograph::text {
namespace {

using test_support::token_texts;
using Strings = std::vector<std::string>;

TEST(Tokenizer, WordsAndPunctuation) {
  EXPECT_EQ(token_texts("Japan thanked Taiwan."), (Strings{"Japan", "thanked", "Taiwan", "."}));
  EXPECT_EQ(token_texts("  peace, stability;  law!"),
            (Strings{"peace", ",", "stability", ";", "law", "!"}));
  EXPECT_EQ(token_texts(""), Strings{});
  EXPECT_EQ(token_texts(" \n\t\u00a0 "), Strings{});
}

TEST(Tokenizer, EnDashSplitsNames) {
  EXPECT_EQ(token_texts("Japan\u2013Taiwan relations"),
            (Strings{"Japan", "-", "Taiwan", "relations"}));
  EXPECT_EQ(token_texts("talks \u2014 and more"), (Strings{"talks", "-", "and", "more"}));
  EXPECT_EQ(token_texts("2019\u20132024"), (Strings{"2019", "-", "2024"}));
}

TEST(Tokenizer, AsciiHyphenInsideAWordJoins) {
  EXPECT_EQ(token_texts("Lai Ching-te"), (Strings{"Lai", "Ching-te"}));
  EXPECT_EQ(token_texts("Lee Yi-yang, the envoy"), (Strings{"Lee", "Yi-yang", ",", "the", "envoy"}));
  EXPECT_EQ(token_texts("Taiwan-Japan ties"), (Strings{"Taiwan-Japan", "ties"}));
  EXPECT_EQ(token_texts("F-16 jets"), (Strings{"F-16", "jets"}));
  EXPECT_EQ(token_texts("COVID-19"), (Strings{"COVID-19"}));
  // Not inside a word: a hyphen with space on one side is punctuation.
  EXPECT_EQ(token_texts("TOKYO - The"), (Strings{"TOKYO", "-", "The"}));
  EXPECT_EQ(token_texts("pre- and post-war"), (Strings{"pre", "-", "and", "post-war"}));
  EXPECT_EQ(token_texts("a--b"), (Strings{"a", "-", "b"}));  // typed dash
  // U+2011 (non-breaking hyphen) joins like '-' and folds to it.
  EXPECT_EQ(token_texts("Ching\u2011te"), (Strings{"Ching-te"}));
}

TEST(Tokenizer, PossessiveIsItsOwnToken) {
  EXPECT_EQ(token_texts("Taiwan's"), (Strings{"Taiwan", "'s"}));
  EXPECT_EQ(token_texts("Kishida\u2019s remarks"), (Strings{"Kishida", "'s", "remarks"}));
  EXPECT_EQ(token_texts("TAIWAN'S"), (Strings{"TAIWAN", "'S"}));
  EXPECT_EQ(token_texts("the nations' ties"), (Strings{"the", "nations", "'", "ties"}));
  EXPECT_EQ(token_texts("LDP\u2019s youth"), (Strings{"LDP", "'s", "youth"}));
  EXPECT_EQ(token_texts("the U.S.'s role"), (Strings{"the", "U.S.", "'s", "role"}));
  EXPECT_EQ(token_texts("\u2018Taiwan\u2019s\u2019"), (Strings{"'", "Taiwan", "'s", "'"}));
  EXPECT_EQ(token_texts("'s alone"), (Strings{"'", "s", "alone"}));  // no word before it
}

TEST(Tokenizer, InnerApostrophesStay) {
  EXPECT_EQ(token_texts("O'Brien"), (Strings{"O'Brien"}));
  EXPECT_EQ(token_texts("C\u00f4te d\u2019Ivoire"), (Strings{"C\u00f4te", "d'Ivoire"}));
  EXPECT_EQ(token_texts("don't"), (Strings{"don't"}));
  EXPECT_EQ(token_texts("it's"), (Strings{"it", "'s"}));
}

TEST(Tokenizer, CurlyQuotesFoldButSpansKeepOriginalBytes) {
  const std::string text = "\u201ckizuna,\u201d he said";
  const std::vector<Token> tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 6U);
  EXPECT_EQ(tokens[0].text, "\"");
  EXPECT_EQ(tokens[0].span.start, 0U);
  EXPECT_EQ(tokens[0].span.end, 3U);  // U+201C is three bytes
  EXPECT_EQ(tokens[1].text, "kizuna");
  EXPECT_EQ(tokens[1].span.start, 3U);
  EXPECT_EQ(tokens[2].text, ",");
  EXPECT_EQ(tokens[3].text, "\"");
  EXPECT_EQ(text.substr(tokens[3].span.start, tokens[3].span.end - tokens[3].span.start),
            "\u201d");
  EXPECT_EQ(tokens[4].text, "he");
  EXPECT_TRUE(tokens[4].space_before);
  EXPECT_FALSE(tokens[1].space_before);
}

TEST(Tokenizer, EverySpanCoversItsOriginalBytes) {
  const std::string text =
      "Japan\u2019s PM \u2014 Fumio\u00a0Kishida \u2014 met U.S. envoys (3.5 hours)\u2026 \u201cOK\u201d";
  for (const Token& t : tokenize(text)) {
    const std::string raw = text.substr(t.span.start, t.span.end - t.span.start);
    EXPECT_FALSE(raw.empty());
    EXPECT_EQ(raw.find(' '), std::string::npos) << raw;
    EXPECT_EQ(raw.find("\u00a0"), std::string::npos) << raw;
    EXPECT_EQ(fold_typography(raw), t.text) << raw;
  }
}

TEST(Tokenizer, NonBreakingAndThinSpacesSeparate) {
  EXPECT_EQ(token_texts("Fumio\u00a0Kishida"), (Strings{"Fumio", "Kishida"}));
  EXPECT_EQ(token_texts("70\u202fmembers"), (Strings{"70", "members"}));
  EXPECT_EQ(token_texts("a\u2009b\u3000c\u200bd"), (Strings{"a", "b", "c", "d"}));
  const std::vector<Token> tokens = tokenize("Fumio\u00a0Kishida");
  EXPECT_TRUE(tokens[1].space_before);
  EXPECT_EQ(tokens[1].span.start, 7U);  // "Fumio" + two bytes of U+00A0
}

TEST(Tokenizer, Numbers) {
  EXPECT_EQ(token_texts("3.5 percent"), (Strings{"3.5", "percent"}));
  EXPECT_EQ(token_texts("1,000,000 troops"), (Strings{"1,000,000", "troops"}));
  EXPECT_EQ(token_texts("at 10:30"), (Strings{"at", "10:30"}));
  EXPECT_EQ(token_texts("$5.2bn"), (Strings{"$", "5.2bn"}));
  EXPECT_EQ(token_texts("70%"), (Strings{"70", "%"}));
  EXPECT_EQ(token_texts("in 2024."), (Strings{"in", "2024", "."}));
  EXPECT_EQ(token_texts("1, 2"), (Strings{"1", ",", "2"}));
  const std::vector<Token> tokens = tokenize("G20 in 2024 or 70th");
  EXPECT_EQ(tokens[0].kind, TokenKind::word);
  EXPECT_EQ(tokens[2].kind, TokenKind::number);
  EXPECT_EQ(tokens[4].kind, TokenKind::word);
}

TEST(Tokenizer, AbbreviationsKeepTheirDots) {
  EXPECT_EQ(token_texts("the U.S. and U.N."), (Strings{"the", "U.S.", "and", "U.N."}));
  EXPECT_EQ(token_texts("U.K. E.U. D.C."), (Strings{"U.K.", "E.U.", "D.C."}));
  EXPECT_EQ(token_texts("Mr. Lee, Dr. Sato"), (Strings{"Mr.", "Lee", ",", "Dr.", "Sato"}));
  EXPECT_EQ(token_texts("Toyota Motor Corp., Acme Inc."),
            (Strings{"Toyota", "Motor", "Corp.", ",", "Acme", "Inc."}));
  EXPECT_EQ(token_texts("George W. Bush"), (Strings{"George", "W.", "Bush"}));
  EXPECT_EQ(token_texts("e.g. Japan"), (Strings{"e.g.", "Japan"}));
  EXPECT_EQ(token_texts("at 10 a.m."), (Strings{"at", "10", "a.m."}));
  EXPECT_EQ(token_texts("No. 5"), (Strings{"No.", "5"}));
  EXPECT_EQ(token_texts("said no."), (Strings{"said", "no", "."}));
  EXPECT_EQ(token_texts("U.S.-Japan"), (Strings{"U.S.", "-", "Japan"}));
  EXPECT_EQ(token_texts("the end."), (Strings{"the", "end", "."}));
  EXPECT_EQ(token_texts("etc..."), (Strings{"etc", "..."}));  // an ellipsis, not etc.
}

// The listed short forms are looked up by their bytes: the longest ones, ones that differ from a
// listed one in a letter or its case, and longer words.
TEST(Tokenizer, ListedAbbreviationsAndNearMisses) {
  EXPECT_EQ(token_texts("Messrs. Lee approx. Thurs. Sept. p. v. Bhd."),
            (Strings{"Messrs.", "Lee", "approx.", "Thurs.", "Sept.", "p.", "v.", "Bhd."}));
  EXPECT_EQ(token_texts("Messrx. MR. Approx. Tuesday. Septs. q."),
            (Strings{"Messrx", ".", "MR", ".", "Approx", ".", "Tuesday", ".", "Septs", ".", "q",
                     "."}));
}

TEST(Tokenizer, EllipsisIsOneToken) {
  EXPECT_EQ(token_texts("wait... then"), (Strings{"wait", "...", "then"}));
  EXPECT_EQ(token_texts("wait\u2026 then"), (Strings{"wait", "...", "then"}));
}

TEST(Tokenizer, LowerForm) {
  const std::vector<Token> tokens = tokenize("TSMC Taiwan\u2019S \u00c9LYS\u00c9E U.S.");
  ASSERT_EQ(tokens.size(), 5U);
  EXPECT_EQ(tokens[0].lower, "tsmc");
  EXPECT_EQ(tokens[2].lower, "'s");
  EXPECT_EQ(tokens[3].lower, "\u00e9lys\u00e9e");
  EXPECT_EQ(tokens[4].lower, "u.s.");
  EXPECT_EQ(tokens[2].kind, TokenKind::word);
}

// Lower forms are written a machine word at a time (short texts) or byte by byte (long ones):
// every length, with capitals and a non-ASCII capital at every position.
TEST(Tokenizer, LowerFormOfEveryLength) {
  for (std::size_t n = 1; n <= 40; ++n) {
    std::string word;
    for (std::size_t i = 0; i < n; ++i)
      word += static_cast<char>(i % 2 == 0 ? 'A' + i % 26 : 'z' - i % 26);
    EXPECT_EQ(tokenize(word).front().lower, to_lower(word)) << word;
    EXPECT_EQ(tokenize("x " + word + ":").at(1).lower, to_lower(word)) << word;  // scan_word
    for (std::size_t at = 0; at < n; ++at) {
      std::string accented = word;
      accented.replace(at, 1, "\u00c9");
      const std::vector<Token> tokens = tokenize(accented);
      ASSERT_EQ(tokens.size(), 1U) << accented;
      EXPECT_EQ(tokens[0].lower, to_lower(accented)) << accented;
    }
  }
}

// Short tokens are copied as two fixed words read from the document, past their end, when the
// document has the bytes: every length of word, of each kind of character a word holds, at
// every distance from the end of the text.
TEST(Tokenizer, WordsOfEveryLengthAtEveryDistanceFromTheEnd) {
  const std::string kinds[] = {"AbcDefGhiJklMnoPqrStu", "3,000.5:10:30,250.75",
                               "O'Neil-Smith-O'Hara-Xy", "NATO-G20-F16-A380-B7"};
  for (const std::string& source : kinds) {
    for (std::size_t n = 1; n <= 20; ++n) {
      const std::string word = source.substr(0, n);
      if (word.back() == '\'' || word.back() == '-' || word.back() == '.' ||
          word.back() == ',' || word.back() == ':')
        continue;  // would end the word early
      for (std::size_t after = 0; after <= 20; ++after) {
        const std::string text = "x " + word + std::string(after, ' ');
        const std::vector<Token> tokens = tokenize(text);
        ASSERT_EQ(tokens.size(), 2U) << text;
        EXPECT_EQ(tokens[1].text, word) << text;
        EXPECT_EQ(tokens[1].lower, to_lower(word)) << text;
        EXPECT_EQ(tokens[1].span.end, 2 + n) << text;
        const std::string punct = "x " + word + "!" + std::string(after, ' ');
        EXPECT_EQ(tokenize(punct).at(2).text, "!") << punct;
      }
    }
  }
}

TEST(Tokenizer, WordsEndingAtCommasAndTheEnd) {
  EXPECT_EQ(token_texts("Japan,Taiwan"), (Strings{"Japan", ",", "Taiwan"}));
  EXPECT_EQ(token_texts("1,a 2,3 b,4 5,"),
            (Strings{"1", ",", "a", "2,3", "b", ",", "4", "5", ","}));
  const std::vector<Token> tokens = tokenize("G20 2024");
  EXPECT_EQ(tokens[0].kind, TokenKind::word);
  EXPECT_EQ(tokens[1].kind, TokenKind::number);
  EXPECT_EQ(tokens[1].span.end, 8U);
}

TEST(Tokenizer, NonLatinScriptsAreWords) {
  EXPECT_EQ(token_texts("\u65e5\u672c \u53f0\u6e7e"), (Strings{"\u65e5\u672c", "\u53f0\u6e7e"}));
  EXPECT_EQ(token_texts("\u041c\u043e\u0441\u043a\u0432\u0430, \u039a\u03cd\u03c0\u03c1\u03bf\u03c2"),
            (Strings{"\u041c\u043e\u0441\u043a\u0432\u0430", ",", "\u039a\u03cd\u03c0\u03c1\u03bf\u03c2"}));
}

TEST(Tokenizer, LongDottedRunIsLinear) {
  // 400,000 bytes of "a." followed by a letter: each letter starts a candidate initialism;
  // rescanning the run from each would take hours. Also a run of one initialism per letter.
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "a.";
  text += "b";
  const std::vector<Token> tokens = tokenize(text);
  EXPECT_EQ(tokens.size(), 400001U);
  EXPECT_EQ(token_texts("A.B.C.D.E.F.G.H. x").front(), "A.B.C.D.E.F.G.H.");
  EXPECT_EQ(token_texts("A.B.C.D.E.F.G.H.I. x").front(), "A.");  // too long: initials
}

TEST(Tokenizer, InvalidBytesNeverCrash) {
  const std::string junk = "ab\xff\xfe cd\xc3 \xe2\x80";
  const std::vector<Token> tokens = tokenize(junk);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens.back().span.end, junk.size());
}

}  // namespace
}  // namespace diplograph::text
