// When an event happened: the document's date moved by what its sentence says. Resolves
// "today", "yesterday", "on Friday" / "last Friday" (the latest such day on or before the
// document date), "last week", "last month", "earlier this month" (the month's first day),
// "last year", "on 12 March" / "March 12(, 2023)" (the latest such day not after the document
// date when no year is given), and "in 2019" (1 January of that year).
//
//   resolve_event_date(tokens_of("Japan protested on Friday."), Date{2024, 8, 20})
//     -> 2024-08-16 (the Friday before Tuesday 20 August)
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "diplograph/model.hpp"

namespace diplograph::extract {

// The event date for a sentence; the document date when the sentence names no other date, and
// nullopt when the document has no date. (The first of find_event_dates().)
std::optional<Date> resolve_event_date(std::span<const Token> tokens, std::optional<Date> document_date);

// Every date expression of a sentence, in order: where it starts (a token index) and the day it
// names. Empty when the document has no date. The coder picks, for each event, the expression of
// its own clause ("Japan, which recalled its envoy in 2022, thanked Taiwan on Friday": Friday).
struct DateMention {
  std::size_t token = 0;
  Date date;
};
std::vector<DateMention> find_event_dates(std::span<const Token> tokens, std::optional<Date> document_date);

// The same for a caller that has already looked every token up in a table of its own (the event
// coder): `marks[i] & bit` says whether token i is one of date_keywords(), and the others are
// passed over without a look-up.
std::vector<DateMention> find_event_dates(std::span<const Token> tokens, std::optional<Date> document_date,
                                          std::span<const std::uint64_t> marks, std::uint64_t bit);

// Every word that can start a date expression ("friday", "yesterday", "march", "sept.", "in").
std::vector<std::string_view> date_keywords();

}  // namespace diplograph::extract
