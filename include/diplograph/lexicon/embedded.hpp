// The dictionary files of data/ (and Debian's iso-codes country list), compiled into the binary
// at build time so the tool needs no data directory at run time.
//
//   auto text = embedded_file("actors/countries.tsv");   // std::optional<std::string_view>
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace diplograph::lexicon {

struct EmbeddedFile {
  std::string_view path;  // relative to data/, e.g. "cameo/codebook.tsv"; iso-codes under "iso-codes/"
  std::string_view contents;
};

// Every embedded file, sorted by path.
std::span<const EmbeddedFile> embedded_files();

// The contents of one embedded file, or nullopt.
std::optional<std::string_view> embedded_file(std::string_view path);

}  // namespace diplograph::lexicon
