#include <gtest/gtest.h>

#include "diplograph/model.hpp"

namespace diplograph {
namespace {

TEST(Date, ParsesIsoAndCompactForms) {
  EXPECT_EQ(Date::parse("2024-08-20"), (Date{2024, 8, 20}));
  EXPECT_EQ(Date::parse("20240820"), (Date{2024, 8, 20}));
  EXPECT_EQ(Date::parse("2024-02-29"), (Date{2024, 2, 29}));
}

TEST(Date, RejectsImpossibleDays) {
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2024-13-01"));
  EXPECT_FALSE(Date::parse("2024-04-31"));
  EXPECT_FALSE(Date::parse("2024-8-20"));
  EXPECT_FALSE(Date::parse("yesterday"));
  EXPECT_FALSE(Date::parse(""));
}

TEST(Date, DaysSinceEpochRoundTripsOverFourCenturies) {
  for (int z = -146097; z <= 146097 * 2; z += 37) {
    const Date d = Date::from_days_since_epoch(z);
    ASSERT_EQ(d.days_since_epoch(), z) << d.iso();
    ASSERT_EQ(Date::parse(d.iso()), d);
  }
  EXPECT_EQ(Date::from_days_since_epoch(0), (Date{1970, 1, 1}));
  EXPECT_EQ((Date{2000, 3, 1}).days_since_epoch() - (Date{2000, 2, 28}).days_since_epoch(), 2);
}

TEST(Date, WeekdayIsMondayBased) {
  EXPECT_EQ((Date{2024, 8, 16}).weekday(), 4);  // a Friday
  EXPECT_EQ((Date{2024, 8, 19}).weekday(), 0);  // a Monday
  EXPECT_EQ((Date{1970, 1, 1}).weekday(), 3);   // a Thursday
}

TEST(ActorKind, NamesRoundTrip) {
  for (int k = 0; k <= static_cast<int>(ActorKind::other); ++k) {
    const auto kind = static_cast<ActorKind>(k);
    EXPECT_EQ(actor_kind_from_string(to_string(kind)), kind);
  }
  EXPECT_FALSE(actor_kind_from_string("nation"));
}

TEST(Error, NamesFileAndPlace) {
  EXPECT_EQ((Error{"a.jsonl", 3, 0, "not JSON"}).to_string(), "a.jsonl:3: not JSON");
  EXPECT_EQ((Error{"b.txt", 0, 17, "invalid UTF-8"}).to_string(), "b.txt: byte 17: invalid UTF-8");
}

}  // namespace
}  // namespace diplograph
