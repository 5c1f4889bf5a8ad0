// Sentence and token splitting with byte offsets into the original text.
//
//   auto sentences = text::split_sentences("Japan\u2019s envoy met Mr. Lee in the U.S. on Friday. "
//                                          "Ties are \u201cstrong.\u201d");
//   // sentences[0].tokens: Japan | 's | envoy | met | Mr. | Lee | in | the | U.S. | on | Friday | .
//   // sentences[1].tokens: Ties | are | " | strong | . | "
//   // tokens[1].text == "'s", its span covers the three bytes of U+2019 and the 's'.
//
// Tokens
//  * Words are letters and digits; an ASCII hyphen (or U+2010/U+2011) between two letters or
//    digits stays inside the word ("Ching-te", "Yi-yang", "F-16", and also "Taiwan-Japan":
//    a later stage that wants the parts splits Token::text on '-'). En and em dashes always
//    split: "Japan\u2013Taiwan" is Japan | - | Taiwan.
//  * An apostrophe (' or U+2019) between letters stays inside ("O'Brien", "d\u2019Ivoire",
//    "don't"), except the possessive 's, which is its own token: "Taiwan's" -> Taiwan | 's.
//  * Numbers keep inner . , : between digits ("3.5", "1,000", "10:30").
//  * Abbreviations keep their full stop: dotted initialisms ("U.S.", "U.N.", "e.g.", "a.m."),
//    single capital initials ("W." in "George W. Bush"), and the listed short forms
//    ("Mr.", "Dr.", "Gen.", "Co.", "Corp.", "Inc.", "Jan.", "No." before a number, "etc.", ...).
//  * Every other punctuation character is a token of its own; "..." and U+2026 are one token.
//  * Token::text folds typography to ASCII (curly quotes to ' and ", dashes to -, U+2026 to
//    "..."); Token::lower is text lower-cased. Unicode spaces (U+00A0 and friends) are white
//    space and never inside a token. Token::span always covers the original bytes.
//
// Sentences end
//  * at . ! ? ... followed by white space and something that is not a lower-case word, a comma
//    or a closing bracket; closing quotes and brackets right after the stop belong to the sentence
//    that ends ("strong.\u201d");
//  * after an abbreviation only when a line break, or a capitalised sentence opener
//    ("The", "He", "In", ...) follows ("... based in Acme Co. The company ..."); titles
//    ("Mr.", "Gen.", "Sen.", "No.", "vs.", "e.g.") never end a sentence;
//  * after a dotted acronym in capitals ("U.S.", "U.N.", "E.U.") also before any capitalised
//    word that is not part of a name such an acronym often starts ("U.S. Japan also ..." ends,
//    "U.S. Trade Representative", "U.N. Security Council", "U.S. Sen. Rubio" do not; a word in
//    capitals, "U.S. NATO allies", does not either);
//  * at a blank line (a paragraph break), always;
//  * at a single line break when the line before starts a sentence and has no sentence
//    punctuation (a headline, byline or list item), does not end in a comma, a hyphen or a word
//    like "the" or "and", and the next line does not start with a lower-case letter. A line
//    inside a sentence that began on an earlier line is wrapped prose and never ends at the
//    break; the first line of a wrapped paragraph that ends in a capitalised word followed by a
//    capitalised line is the known ambiguous case (it is split);
//  * after a numbered-list "1." at the start of a line, never;
//  * after kMaxSentenceTokens tokens, to bound the work of later stages on junk input.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "diplograph/model.hpp"

namespace diplograph::text {

inline constexpr std::size_t kMaxSentenceTokens = 1000;

// Splits `text` into tokens (no sentence splitting); every Span points into `text`. Used to
// tokenize dictionary entries the same way as documents.
std::vector<Token> tokenize(std::string_view text);

// Splits `text` into sentences and tokens; every Span points into `text`. Any byte string is
// accepted (invalid UTF-8 bytes become one-byte word characters); nothing is ever dropped except
// white space.
std::vector<Sentence> split_sentences(std::string_view text);

// Fills document.sentences from document.text.
void split_document(Document& document);

}  // namespace diplograph::text
