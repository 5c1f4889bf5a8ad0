// UTF-8 validation and the typographic folding the tokenizer uses.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace diplograph::text {

// The byte offset of the first invalid UTF-8 sequence (overlong, surrogate, truncated, > U+10FFFF),
// or nullopt if `bytes` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view bytes);

}  // namespace diplograph::text
