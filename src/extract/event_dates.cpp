#include "diplograph/extract/event_dates.hpp"

#include <array>
#include <cstdlib>
#include <string>
#include <string_view>

#include "diplograph/lexicon/word_table.hpp"

namespace diplograph::extract {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday", "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march", "april", "may", "june",
                                                      "july", "august", "september", "october", "november",
                                                      "december"};
constexpr std::array<std::string_view, 12> kMonthAbbrev = {"jan", "feb", "mar", "apr", "may", "jun",
                                                           "jul", "aug", "sep", "oct", "nov", "dec"};

// The words that can start a date expression, looked up once per token: most tokens are none
// of them, and one hash look-up rejects a token that would otherwise be compared with every
// weekday and month name.
enum class DateWord : std::uint8_t { today, yesterday, tomorrow, weekday, last, earlier, month, year_since };

struct DateWordInfo {
  DateWord kind;
  int value = 0;  // the weekday (0 = Monday) or the month (1-12)
};

struct DateWords {
  lexicon::WordTable table;
  std::vector<DateWordInfo> info;  // by the table's id

  void add(std::string_view word, DateWord kind, int value = 0) {
    if (table.intern(word) == info.size()) info.push_back({kind, value});
  }

  DateWords() {
    add("today", DateWord::today);
    add("yesterday", DateWord::yesterday);
    add("tomorrow", DateWord::tomorrow);
    for (std::size_t i = 0; i < kWeekdays.size(); ++i) add(kWeekdays[i], DateWord::weekday, static_cast<int>(i));
    add("last", DateWord::last);
    add("past", DateWord::last);
    add("earlier", DateWord::earlier);
    for (std::size_t i = 0; i < kMonths.size(); ++i) add(kMonths[i], DateWord::month, static_cast<int>(i) + 1);
    // abbreviations, with or without their full stop; a bare "mar" is the verb ("may" is the
    // full name, found above)
    add("sept", DateWord::month, 9);
    add("sept.", DateWord::month, 9);
    for (std::size_t i = 0; i < kMonthAbbrev.size(); ++i) {
      const std::string dotted = std::string(kMonthAbbrev[i]) + ".";
      if (kMonthAbbrev[i] != "mar") add(kMonthAbbrev[i], DateWord::month, static_cast<int>(i) + 1);
      add(dotted, DateWord::month, static_cast<int>(i) + 1);
    }
    add("in", DateWord::year_since);
    add("since", DateWord::year_since);
    add("during", DateWord::year_since);
  }

  const DateWordInfo* find(std::string_view word) const {
    const auto id = table.find(word);
    return id == lexicon::WordTable::npos ? nullptr : &info[id];
  }
};

const DateWords& date_words() {
  static const DateWords words;
  return words;
}

int number_of(const Token& t, int lo, int hi) {
  if (t.kind != TokenKind::number) {
    // "12th", "1st"
    std::string_view s = t.lower;
    if (s.size() > 2 && (s.ends_with("th") || s.ends_with("st") || s.ends_with("nd") || s.ends_with("rd")))
      s.remove_suffix(2);
    else
      return -1;
    for (char c : s)
      if (c < '0' || c > '9') return -1;
    const int v = std::atoi(std::string(s).c_str());
    return v >= lo && v <= hi ? v : -1;
  }
  for (char c : t.lower)
    if (c < '0' || c > '9') return -1;
  if (t.lower.empty() || t.lower.size() > 4) return -1;
  const int v = std::atoi(t.lower.c_str());
  return v >= lo && v <= hi ? v : -1;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

Date add_days(Date d, int n) { return Date::from_days_since_epoch(d.days_since_epoch() + n); }

Date minus_months(Date d, int n) {
  int m = d.month - n;
  int y = d.year;
  while (m < 1) {
    m += 12;
    --y;
  }
  const int day = std::min(d.day, days_in_month(y, m));
  return Date{y, m, day};
}

// A calendar date with no year: the latest one not after the document date.
std::optional<Date> day_month(int day, int month, std::optional<int> year, Date doc) {
  int y = year.value_or(doc.year);
  if (day > days_in_month(y, month)) return std::nullopt;
  Date d{y, month, day};
  if (!year && d > doc) {
    --y;
    if (day > days_in_month(y, month)) return std::nullopt;
    d = Date{y, month, day};
  }
  return d;
}

}  // namespace

namespace {

// The scan behind both find_event_dates(): `next(i)` is the first token from i on that may
// start an expression (n past the last).
template <typename Next>
std::vector<DateMention> scan_dates(std::span<const Token> t, std::optional<Date> document_date, Next next) {
  std::vector<DateMention> out;
  if (!document_date) return out;
  const Date doc = *document_date;
  const std::size_t n = t.size();
  auto low = [&](std::size_t i) -> std::string_view { return i < n ? std::string_view(t[i].lower) : ""; };
  const DateWords& words = date_words();
  for (std::size_t i = next(0); i < n; i = next(i + 1)) {
    const DateWordInfo* word = words.find(t[i].lower);
    if (!word) continue;
    switch (word->kind) {
      case DateWord::today:
        out.push_back({i, doc});
        break;
      case DateWord::yesterday:
        out.push_back({i, add_days(doc, -1)});
        break;
      case DateWord::tomorrow:
        out.push_back({i, add_days(doc, 1)});
        break;
      case DateWord::weekday: {
        int back = (doc.weekday() - word->value + 7) % 7;
        if (low(i - 1) == "next") back = back == 0 ? -7 : back - 7;
        else if (low(i - 1) == "last" && back == 0) back = 7;
        out.push_back({i, add_days(doc, -back)});
        break;
      }
      case DateWord::last: {
        const std::string_view u = low(i + 1);
        if (u == "week") out.push_back({i, add_days(doc, -7)});
        if (u == "month") out.push_back({i, minus_months(doc, 1)});
        if (u == "year") out.push_back({i, Date{doc.year - 1, 1, 1}});
        break;
      }
      case DateWord::earlier: {
        if (low(i + 1) != "this") break;
        const std::string_view u = low(i + 2);
        if (u == "month") out.push_back({i, Date{doc.year, doc.month, 1}});
        if (u == "week") out.push_back({i, add_days(doc, -doc.weekday())});
        if (u == "year") out.push_back({i, Date{doc.year, 1, 1}});
        break;
      }
      case DateWord::month: {
        // "12 March", "March 12", "March 12, 2023", "12 March 2023"
        const int month = word->value;
        std::optional<int> year;
        int day = i > 0 ? number_of(t[i - 1], 1, 31) : -1;
        std::size_t after = i + 1;
        if (day < 0 && i + 1 < n) {
          day = number_of(t[i + 1], 1, 31);
          after = i + 2;
        }
        if (day < 0) break;  // "in March" alone is too vague to move the date
        if (after < n && t[after].text == ",") ++after;
        if (after < n) {
          const int y = number_of(t[after], 1900, 2100);
          if (y > 0) year = y;
        }
        if (auto d = day_month(day, month, year, doc))
          out.push_back({i > 0 && number_of(t[i - 1], 1, 31) >= 0 ? i - 1 : i, *d});
        break;
      }
      case DateWord::year_since:
        if (i + 1 < n) {
          const int y = number_of(t[i + 1], 1900, 2100);
          if (y > 0 && y != doc.year && t[i + 1].lower.size() == 4) out.push_back({i, Date{y, 1, 1}});
        }
        break;
    }
  }
  return out;
}

}  // namespace

std::vector<DateMention> find_event_dates(std::span<const Token> tokens, std::optional<Date> document_date) {
  return scan_dates(tokens, document_date, [](std::size_t i) { return i; });
}

std::vector<DateMention> find_event_dates(std::span<const Token> tokens, std::optional<Date> document_date,
                                          std::span<const std::uint64_t> marks, std::uint64_t bit) {
  // (past the marks every token may start one, as before: none is skipped there)
  return scan_dates(tokens, document_date, [&](std::size_t i) {
    while (i < marks.size() && !(marks[i] & bit)) ++i;
    return i;
  });
}

std::vector<std::string_view> date_keywords() {
  const DateWords& words = date_words();
  std::vector<std::string_view> out;
  for (std::uint32_t id = 0; id < words.table.size(); ++id) out.push_back(words.table.word(id));
  return out;
}

std::optional<Date> resolve_event_date(std::span<const Token> t, std::optional<Date> document_date) {
  if (!document_date) return std::nullopt;
  const auto found = find_event_dates(t, document_date);
  return found.empty() ? *document_date : found.front().date;
}

}  // namespace diplograph::extract
