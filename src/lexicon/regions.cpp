#include "diplograph/lexicon/regions.hpp"

#include <algorithm>
#include <cstdlib>

#include "diplograph/lexicon/embedded.hpp"

namespace diplograph::lexicon {

expected<Regions, Error> Regions::parse(std::string_view text, std::string_view file) {
  Regions r;
  std::size_t pos = 0;
  std::size_t line_no = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#' || line.starts_with("region\t")) continue;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0 || tab + 1 == line.size())
      return unexpected(Error{std::string(file), line_no, 0, "expected a region, a tab and its states"});
    std::vector<std::string> states;
    for (std::string_view rest = line.substr(tab + 1); !rest.empty();) {
      const auto bar = rest.find('|');
      states.emplace_back(rest.substr(0, bar));
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
    std::sort(states.begin(), states.end());
    r.m_regions.emplace_back(std::string(line.substr(0, tab)), std::move(states));
  }
  return r;
}

const Regions& Regions::builtin() {
  static const Regions table = parse_embedded("actors/regions.tsv", &Regions::parse);
  return table;
}

const std::vector<std::string>* Regions::states(std::string_view words) const {
  for (const auto& [name, states] : m_regions)
    if (name == words) return &states;
  return nullptr;
}

}  // namespace diplograph::lexicon
