// The CAMEO codebook table (data/cameo/codebook.tsv) and its parser.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "diplograph/lexicon/cameo_codebook.hpp"
#include "diplograph/lexicon/event_lexicon.hpp"

namespace diplograph::lexicon {
namespace {

TEST(CameoCodebook, EveryRootIsPresentWithItsQuadClass) {
  const auto& book = CameoCodebook::builtin();
  for (int root = 1; root <= 20; ++root) {
    std::string code = std::to_string(root);  // (not "0" + to_string(): GCC 12 warns falsely there)
    if (root < 10) code.insert(0, 1, '0');
    const CameoCode* c = book.find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->root, code);
    const int expected = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
    EXPECT_EQ(c->quad, expected) << code;
  }
}

TEST(CameoCodebook, SubCodesAgreeWithTheirRoot) {
  const auto& book = CameoCodebook::builtin();
  EXPECT_GT(book.codes().size(), 250u);
  for (const auto& c : book.codes()) {
    EXPECT_EQ(c.root, c.code.substr(0, 2)) << c.code;
    EXPECT_EQ(c.quad, CameoCodebook::quad_of_root(std::stoi(c.root))) << c.code;
    EXPECT_GE(c.goldstein, -10.0) << c.code;
    EXPECT_LE(c.goldstein, 10.0) << c.code;
    EXPECT_FALSE(c.name.empty()) << c.code;
    if (c.code.size() == 4) {
      EXPECT_NE(book.find(c.code.substr(0, 3)), nullptr) << "parent of " << c.code;
    }
  }
}

TEST(CameoCodebook, KnownFacts) {
  const auto& book = CameoCodebook::builtin();
  ASSERT_NE(book.find("051"), nullptr);
  EXPECT_DOUBLE_EQ(book.find("051")->goldstein, 3.4);
  EXPECT_DOUBLE_EQ(book.find("20")->goldstein, -10.0);
  EXPECT_DOUBLE_EQ(book.find("0874")->goldstein, 10.0);  // retreat or surrender militarily
  EXPECT_EQ(book.find("190")->quad, 4);
  EXPECT_EQ(book.find("999"), nullptr);
  EXPECT_EQ(book.find("5"), nullptr);
}

// find() indexes codes by the number their digits spell in their width: "05", "005" and "0005"
// are different slots, and what is not 2-4 digits has none.
TEST(CameoCodebook, FindTellsCodesOfEveryWidthApart) {
  const auto& book = CameoCodebook::builtin();
  for (const auto& c : book.codes()) {
    const CameoCode* found = book.find(c.code);
    ASSERT_NE(found, nullptr) << c.code;
    EXPECT_EQ(found->code, c.code);
  }
  EXPECT_EQ(book.find("05")->code, "05");
  EXPECT_EQ(book.find("050")->code, "050");
  EXPECT_EQ(book.find("005"), nullptr);
  EXPECT_EQ(book.find("0005"), nullptr);
  EXPECT_EQ(book.find("0510"), nullptr);
  EXPECT_EQ(book.find("05a"), nullptr);
  EXPECT_EQ(book.find("-05"), nullptr);
  EXPECT_EQ(book.find("05 "), nullptr);
  EXPECT_EQ(book.find("12345"), nullptr);
  EXPECT_EQ(book.find(""), nullptr);
}

TEST(CameoCodebook, ParseReportsTheBadLine) {
  auto bad_quad = CameoCodebook::parse("# c\n051\t05\t1\t3.4\tPraise\n112\t11\t1\t-2\tAccuse\n", "t.tsv");
  ASSERT_FALSE(bad_quad);
  EXPECT_EQ(bad_quad.error().line, 3u);
  EXPECT_EQ(bad_quad.error().file, "t.tsv");
  EXPECT_FALSE(CameoCodebook::parse("051\t04\t1\t3.4\tPraise\n", "t"));   // root not the prefix
  EXPECT_FALSE(CameoCodebook::parse("051\t05\t1\t13\tPraise\n", "t"));    // Goldstein out of range
  EXPECT_FALSE(CameoCodebook::parse("051\t05\t1\tx\tPraise\n", "t"));     // not a number
  EXPECT_FALSE(CameoCodebook::parse("051\t05\t1\t3.4\n", "t"));           // missing field
  EXPECT_FALSE(CameoCodebook::parse("21\t21\t4\t0\tNo such root\n", "t"));
  EXPECT_FALSE(CameoCodebook::parse("051\t05\t1\t3.4\tA\n051\t05\t1\t3.4\tB\n", "t"));  // duplicate
  auto ok = CameoCodebook::parse("051\t05\t1\t3.4\tPraise\r\n\n", "t");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->codes().size(), 1u);
}

TEST(CameoCodebook, EveryPatternCodeIsInTheCodebook) {
  const auto& book = CameoCodebook::builtin();
  const auto matcher = EventMatcher::builtin();
  std::set<std::string> roots;
  for (std::size_t i = 0; i < matcher->size(); ++i) {
    const auto& p = matcher->pattern(i);
    EXPECT_NE(book.find(p.code), nullptr) << p.file << ":" << p.line << " " << p.code;
    roots.insert(p.code.substr(0, 2));
  }
  // The lexicon covers every root of CAMEO.
  EXPECT_EQ(roots.size(), 20u);
  EXPECT_GT(matcher->size(), 500u);
}

}  // namespace
}  // namespace diplograph::lexicon
