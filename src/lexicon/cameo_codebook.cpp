#include "diplograph/lexicon/cameo_codebook.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "diplograph/lexicon/embedded.hpp"

namespace diplograph::lexicon {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

int CameoCodebook::quad_of_root(int root) {
  if (root <= 5) return 1;
  if (root <= 9) return 2;
  if (root <= 14) return 3;
  return 4;
}

expected<CameoCodebook, Error> CameoCodebook::parse(std::string_view text, std::string_view file) {
  CameoCodebook book;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  auto fail = [&](std::string message) {
    return unexpected(Error{std::string(file), line_no, 0, std::move(message)});
  };
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto f = split_tabs(line);
    if (f.size() != 5) return fail("expected 5 tab-separated fields: code, root, quad, goldstein, name");
    CameoCode c;
    c.code = f[0];
    c.root = f[1];
    if (!all_digits(c.code) || c.code.size() < 2 || c.code.size() > 4)
      return fail("code must be 2-4 digits: '" + c.code + "'");
    if (c.root != c.code.substr(0, 2)) return fail("root must be the code's first two digits");
    const int root = std::atoi(c.root.c_str());
    if (root < 1 || root > 20) return fail("root must be 01-20");
    if (!all_digits(f[2]) || std::atoi(std::string(f[2]).c_str()) != quad_of_root(root))
      return fail("quad must be the root's QuadClass (" + std::to_string(quad_of_root(root)) + ")");
    c.quad = quad_of_root(root);
    const std::string g(f[3]);
    char* end = nullptr;
    c.goldstein = std::strtod(g.c_str(), &end);
    if (g.empty() || end != g.c_str() + g.size() || c.goldstein < -10.0 || c.goldstein > 10.0)
      return fail("goldstein must be a number in -10..10: '" + g + "'");
    c.name = f[4];
    if (c.name.empty()) return fail("name is empty");
    book.m_codes.push_back(std::move(c));
  }
  std::sort(book.m_codes.begin(), book.m_codes.end(),
            [](const CameoCode& a, const CameoCode& b) { return a.code < b.code; });
  for (std::size_t i = 1; i < book.m_codes.size(); ++i) {
    if (book.m_codes[i].code == book.m_codes[i - 1].code) {
      line_no = 0;
      return fail("duplicate code " + book.m_codes[i].code);
    }
  }
  book.index();
  return book;
}

const CameoCodebook& CameoCodebook::builtin() {
  static const CameoCodebook book = parse_embedded("cameo/codebook.tsv", &CameoCodebook::parse);
  return book;
}

// Two-digit codes take slots 0-99, three-digit 100-1099, four-digit 1100-11099; anything else
// (other lengths, non-digits) has no slot.
constexpr std::size_t kNoSlot = static_cast<std::size_t>(-1);
constexpr std::size_t kSlots = 11100;

std::size_t CameoCodebook::slot_of(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return kNoSlot;
  std::size_t n = 0;
  for (const char c : code) {
    if (c < '0' || c > '9') return kNoSlot;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n + (code.size() == 2 ? 0 : code.size() == 3 ? 100 : 1100);
}

void CameoCodebook::index() {
  m_slots.assign(kSlots, 0);
  for (std::size_t i = 0; i < m_codes.size(); ++i) m_slots[slot_of(m_codes[i].code)] = static_cast<std::uint16_t>(i + 1);
}

const CameoCode* CameoCodebook::find(std::string_view code) const {
  const std::size_t slot = slot_of(code);
  if (slot == kNoSlot || slot >= m_slots.size() || m_slots[slot] == 0) return nullptr;
  return &m_codes[m_slots[slot] - 1];
}

}  // namespace diplograph::lexicon
