// The dictionary files of data/ (and Debian's iso-codes country list), compiled into the binary
// at build time so the tool needs no data directory at run time.
//
//   auto text = embedded_file("actors/countries.tsv");   // std::optional<std::string_view>
#pragma once

#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace diplograph::lexicon {

struct EmbeddedFile {
  std::string_view path;  // relative to data/, e.g. "cameo/codebook.tsv"; iso-codes under "iso-codes/"
  std::string_view contents;
};

// Every embedded file, sorted by path.
std::span<const EmbeddedFile> embedded_files();

// The contents of one embedded file, or nullopt.
std::optional<std::string_view> embedded_file(std::string_view path);

// A shipped table parsed by `parse(text, "data/" + path)` (a parser that returns an expected):
// a missing file is a packaging bug and a parse error one the tests catch, so either aborts.
//   static const Regions table = parse_embedded("actors/regions.tsv", &Regions::parse);
template <class Parse>
auto parse_embedded(std::string_view path, Parse parse) {
  const auto text = embedded_file(path);
  if (!text) std::abort();
  auto parsed = parse(*text, "data/" + std::string(path));
  if (!parsed) std::abort();
  return std::move(*parsed);
}

}  // namespace diplograph::lexicon
