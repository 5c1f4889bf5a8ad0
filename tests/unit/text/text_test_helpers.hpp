// Small helpers for the text stage's tests: token texts and sentence texts as plain strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diplograph/text/splitter.hpp"

namespace diplograph::text::test_support {

// Token::text of every token of `text`, in order.
inline std::vector<std::string> token_texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(text)) out.push_back(t.text);
  return out;
}

// The original bytes of every sentence of `text` (its span), in order.
inline std::vector<std::string> sentence_texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : split_sentences(text))
    out.emplace_back(text.substr(s.span.start, s.span.end - s.span.start));
  return out;
}

}  // namespace diplograph::text::test_support
