// Sentence and token splitting with byte offsets into the original text. Handles abbreviations
// (U.S., U.N., Co., Corp., Mr., Dr., Gen., Jan., No.), initials, decimals, quotes and
// parentheses, curly quotes and dashes, non-breaking spaces, and headlines or paragraphs that
// end without a full stop (a blank line ends a sentence).
#pragma once

#include <string_view>
#include <vector>

#include "diplograph/model.hpp"

namespace diplograph::text {

// Splits `text` into sentences and tokens; every Span points into `text`.
std::vector<Sentence> split_sentences(std::string_view text);

// Fills document.sentences from document.text.
void split_document(Document& document);

}  // namespace diplograph::text
