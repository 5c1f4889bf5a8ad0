// The sentence splitter and tokenizer on arbitrary valid UTF-8 (the reader rejects the rest).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "diplograph/text/splitter.hpp"
#include "diplograph/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (text::find_invalid_utf8(bytes)) return 0;
  std::size_t last_end = 0;
  for (const Sentence& s : text::split_sentences(bytes)) {
    // Spans stay inside the text and in order: a violation is a bug, so crash loudly.
    if (s.span.start < last_end || s.span.end > size || s.span.start > s.span.end) std::abort();
    for (const Token& t : s.tokens)
      if (t.span.start < s.span.start || t.span.end > s.span.end || t.span.start >= t.span.end) std::abort();
    last_end = s.span.end;
  }
  return 0;
}
