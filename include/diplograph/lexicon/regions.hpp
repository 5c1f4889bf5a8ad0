// The regions news uses to describe a state without naming it ("the South American country",
// "the Gulf state", "the island nation"), read from data/actors/regions.tsv: a region's words ->
// the ISO alpha-3 codes of its states. The event coder asks it which of the states named before
// a description can be meant.
//
//   const auto& regions = lexicon::Regions::builtin();
//   regions.states("gulf");            // -> {"ARE", "BHR", ...} (sorted), or nullptr
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diplograph/expected.hpp"
#include "diplograph/model.hpp"

namespace diplograph::lexicon {

class Regions {
 public:
  // Parses the tab-separated table (region, states separated by |; '#' comments; the header line
  // "region states"). Errors name `file` and the line.
  static expected<Regions, Error> parse(std::string_view text, std::string_view file);
  // The table compiled into the binary; parsed once, thread-safe.
  static const Regions& builtin();

  // The states of the region named `words` ("gulf", "south american"), sorted, or nullptr.
  [[nodiscard]] const std::vector<std::string>* states(std::string_view words) const;
  // Every region with its states, in the file's order.
  [[nodiscard]] const std::vector<std::pair<std::string, std::vector<std::string>>>& all() const { return m_regions; }

 private:
  std::vector<std::pair<std::string, std::vector<std::string>>> m_regions;
};

}  // namespace diplograph::lexicon
