#include "diplograph/model.hpp"

#include <array>
#include <charconv>

#include <fmt/format.h>

namespace diplograph {

std::string Error::to_string() const {
  if (line > 0) return fmt::format("{}:{}: {}", file, line, message);
  if (offset > 0) return fmt::format("{}: byte {}: {}", file, offset, message);
  return fmt::format("{}: {}", file, message);
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}
bool digits(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}
}  // namespace

std::optional<Date> Date::parse(std::string_view t) {
  Date d;
  if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
    if (!digits(t.substr(0, 4), d.year) || !digits(t.substr(5, 2), d.month) ||
        !digits(t.substr(8, 2), d.day))
      return std::nullopt;
  } else if (t.size() == 8) {
    if (!digits(t.substr(0, 4), d.year) || !digits(t.substr(4, 2), d.month) ||
        !digits(t.substr(6, 2), d.day))
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month))
    return std::nullopt;
  return d;
}

// Howard Hinnant's days_from_civil algorithm (public-domain formulae).
int Date::days_since_epoch() const {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days_since_epoch(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  Date d;
  d.day = doy - (153 * mp + 2) / 5 + 1;
  d.month = mp < 10 ? mp + 3 : mp - 9;
  d.year = yoe + era * 400 + (d.month <= 2 ? 1 : 0);
  return d;
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const int z = days_since_epoch();
  return ((z % 7) + 7 + 3) % 7;
}

namespace {
constexpr std::array<std::string_view, 13> kKindNames = {
    "state", "person", "government", "ministry", "military", "legislature", "judiciary",
    "party", "company", "igo",    "group",      "media",    "other"};
}

std::string_view to_string(ActorKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<ActorKind> actor_kind_from_string(std::string_view text) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i)
    if (kKindNames[i] == text) return static_cast<ActorKind>(i);
  return std::nullopt;
}

}  // namespace diplograph
