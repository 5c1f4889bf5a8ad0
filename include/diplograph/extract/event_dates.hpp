// When an event happened: the document's date moved by what its sentence says. Resolves
// "today", "yesterday", "on Friday" / "last Friday" (the latest such day on or before the
// document date), "last week", "last month", "earlier this month" (the month's first day),
// "last year", "on 12 March" / "March 12(, 2023)" (the latest such day not after the document
// date when no year is given), and "in 2019" (1 January of that year).
//
//   resolve_event_date(tokens_of("Japan protested on Friday."), Date{2024, 8, 20})
//     -> 2024-08-16 (the Friday before Tuesday 20 August)
#pragma once

#include <optional>
#include <span>

#include "diplograph/model.hpp"

namespace diplograph::extract {

// The event date for a sentence; the document date when the sentence names no other date, and
// nullopt when the document has no date.
std::optional<Date> resolve_event_date(std::span<const Token> tokens, std::optional<Date> document_date);

}  // namespace diplograph::extract
