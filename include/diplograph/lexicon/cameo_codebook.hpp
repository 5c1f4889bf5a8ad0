// The CAMEO event codebook: every event code (roots 01-20 and their 3- and 4-digit sub-codes)
// with its name, Goldstein weight and QuadClass, read from data/cameo/codebook.tsv.
//
//   const auto& book = lexicon::CameoCodebook::builtin();
//   const lexicon::CameoCode* c = book.find("051");   // {"051","05",1,3.4,"Praise or endorse"}
//   book.find("999") == nullptr;
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/expected.hpp"
#include "diplograph/model.hpp"

namespace diplograph::lexicon {

struct CameoCode {
  std::string code;  // "051", leading zero kept
  std::string root;  // "05"
  int quad = 0;      // QuadClass 1..4
  double goldstein = 0.0;
  std::string name;
};

class CameoCodebook {
 public:
  // Parses the tab-separated table (code, root, quad, goldstein, name; '#' comments). Errors
  // name `file` and the line.
  static expected<CameoCodebook, Error> parse(std::string_view text, std::string_view file);
  // The table compiled into the binary; parsed once, thread-safe.
  static const CameoCodebook& builtin();

  [[nodiscard]] const CameoCode* find(std::string_view code) const;
  [[nodiscard]] const std::vector<CameoCode>& codes() const { return m_codes; }  // sorted by code

  // QuadClass of a root as GDELT assigns it: 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4.
  static int quad_of_root(int root);

 private:
  // A code's place in m_codes, by the number its digits spell in their width (2, 3 or 4): the
  // coder looks a code up for every event, and this answers without comparing strings.
  static std::size_t slot_of(std::string_view code);
  void index();

  std::vector<CameoCode> m_codes;
  std::vector<std::uint16_t> m_slots;  // slot -> index in m_codes + 1; 0: no such code
};

}  // namespace diplograph::lexicon
