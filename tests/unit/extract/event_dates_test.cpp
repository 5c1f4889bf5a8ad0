// Event dates: the document date moved by the sentence's date words.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "diplograph/extract/event_dates.hpp"
#include "diplograph/text/splitter.hpp"

namespace diplograph::extract {
namespace {

std::string resolved(const std::string& sentence, Date doc = Date{2024, 8, 20}) {  // a Tuesday
  const auto sentences = text::split_sentences(sentence);
  if (sentences.empty()) return "?";
  const auto d = resolve_event_date(sentences[0].tokens, doc);
  return d ? d->iso() : "none";
}

TEST(EventDates, NoDateWordsKeepsTheDocumentDate) {
  EXPECT_EQ(resolved("Japan thanked Taiwan."), "2024-08-20");
  const auto sentences = text::split_sentences("Japan thanked Taiwan.");
  EXPECT_FALSE(resolve_event_date(sentences[0].tokens, std::nullopt));
}

TEST(EventDates, RelativeDays) {
  EXPECT_EQ(resolved("Japan protested today."), "2024-08-20");
  EXPECT_EQ(resolved("Japan protested yesterday."), "2024-08-19");
  EXPECT_EQ(resolved("Japan protested on Friday."), "2024-08-16");
  EXPECT_EQ(resolved("Japan protested on Tuesday."), "2024-08-20");  // the document's own day
  EXPECT_EQ(resolved("Japan protested last Tuesday."), "2024-08-13");
  EXPECT_EQ(resolved("Japan will protest next Monday."), "2024-08-26");
  EXPECT_EQ(resolved("Japan will protest tomorrow."), "2024-08-21");
}

TEST(EventDates, WeeksMonthsYears) {
  EXPECT_EQ(resolved("Japan protested last week."), "2024-08-13");
  EXPECT_EQ(resolved("Japan protested last month."), "2024-07-20");
  EXPECT_EQ(resolved("Japan protested earlier this month."), "2024-08-01");
  EXPECT_EQ(resolved("Japan protested earlier this week."), "2024-08-19");
  EXPECT_EQ(resolved("Japan protested last year."), "2023-01-01");
  EXPECT_EQ(resolved("Japan protested in 2019."), "2019-01-01");
  EXPECT_EQ(resolved("Japan protested in 2024."), "2024-08-20");  // the document's year says nothing
  EXPECT_EQ(resolved("Japan protested last month.", Date{2024, 3, 31}), "2024-02-29");
}

TEST(EventDates, CalendarDates) {
  EXPECT_EQ(resolved("Japan protested on 12 March."), "2024-03-12");
  EXPECT_EQ(resolved("Japan protested on March 12."), "2024-03-12");
  EXPECT_EQ(resolved("Japan protested on December 12."), "2023-12-12");  // not after the document
  EXPECT_EQ(resolved("Japan protested on March 12, 2021."), "2021-03-12");
  EXPECT_EQ(resolved("Japan protested on 3rd June 2022."), "2022-06-03");
  EXPECT_EQ(resolved("Japan may protest in March."), "2024-08-20");  // a month alone is too vague
  EXPECT_EQ(resolved("Japan protested on 31 February."), "2024-08-20");  // impossible day ignored
}

// A caller that marks the date words itself (the coder) gets the same dates, and a token it does
// not mark is passed over.
TEST(EventDates, MarkedTokensGiveTheSameDates) {
  const auto sentences = text::split_sentences("Japan protested on Friday, and on 12 March 2023 it met Korea.");
  const auto& tokens = sentences.at(0).tokens;
  const Date doc{2024, 8, 20};
  const auto keywords = date_keywords();
  std::vector<std::uint64_t> marks(tokens.size(), 0);
  for (std::size_t i = 0; i < tokens.size(); ++i)
    for (const auto w : keywords)
      if (tokens[i].lower == w) marks[i] = 4;
  const auto plain = find_event_dates(tokens, doc);
  const auto marked = find_event_dates(tokens, doc, marks, 4);
  ASSERT_EQ(plain.size(), 2U);
  ASSERT_EQ(marked.size(), plain.size());
  for (std::size_t k = 0; k < plain.size(); ++k) {
    EXPECT_EQ(marked[k].token, plain[k].token);
    EXPECT_EQ(marked[k].date, plain[k].date);
  }
  std::vector<std::uint64_t> none(tokens.size(), 0);
  EXPECT_TRUE(find_event_dates(tokens, doc, none, 4).empty());
}

}  // namespace
}  // namespace diplograph::extract
