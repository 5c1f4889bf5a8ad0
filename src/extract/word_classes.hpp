// The recogniser's closed word lists (stop capitals, function words, titles that give a gender,
// pronouns, head words of organisation names, ...) as one table: a word's lower-case form ->
// the set of lists it is on, as bits, and the roles it gives as the head of a name. One look-up
// answers every list, so the recogniser can look each token up once and test bits after that.
// Private to the extract stage.
//
//   WordClasses::Builder b;
//   b.add({"he", "him"}, kHe);                   // a list: its words get the bit
//   b.add_head({{"party", 1}}, /*first=*/false);  // a head word and its role's index
//   const WordClasses table = std::move(b).build();
//   table.find("him").classes & kHe               // nonzero
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "diplograph/lexicon/word_table.hpp"

namespace diplograph::extract {

struct WordInfo {
  std::uint32_t classes = 0;   // bits of the lists the word is on
  std::uint8_t last_head = 0;  // 1 + index of the role it gives as a name's last word; 0: none
  std::uint8_t first_head = 0; // the same as a name's first word
};

// The word -> id map is lexicon::WordTable; this keeps a WordInfo per id.
class WordClasses {
 public:
  class Builder {
   public:
    void add(std::span<const std::string_view> words, std::uint32_t bit) {
      for (std::string_view w : words) at(w).classes |= bit;
    }
    void add_head(std::string_view word, std::uint8_t role, bool first) {
      (first ? at(word).first_head : at(word).last_head) = role;
    }
    [[nodiscard]] WordClasses build() && {
      WordClasses t;
      t.m_short = lexicon::ShortWordIndex(m_table, 12);
      t.m_table = std::move(m_table);
      t.m_info = std::move(m_info);
      t.m_max = m_max;
      return t;
    }

   private:
    WordInfo& at(std::string_view w) {
      const auto id = m_table.intern(w);
      if (id >= m_info.size()) m_info.resize(id + 1);
      m_max = std::max(m_max, w.size());
      return m_info[id];
    }
    lexicon::WordTable m_table;
    std::vector<WordInfo> m_info;
    std::size_t m_max = 0;
  };

  [[nodiscard]] WordInfo find(std::string_view w) const {
    if (w.size() > m_max || w.empty()) return {};  // most tokens are longer than any listed word
    const auto id = m_short.find(w, m_table);
    return id == lexicon::WordTable::npos ? WordInfo{} : m_info[id];
  }
  // The same in two steps: find_short answers most words (up to 8 bytes) from the short index
  // alone, and says when only find_long, the full table's look-up, can; so that a caller keeps
  // the first inline and the second (which calls the hash function) out of line.
  static constexpr std::uint32_t kAskTable = lexicon::ShortWordIndex::kAskTable;
  [[nodiscard]] std::uint32_t find_short(std::string_view w, WordInfo& info) const {
    if (w.size() > m_max || w.empty()) return lexicon::WordTable::npos;
    const auto id = m_short.find_short(w);
    if (id != lexicon::WordTable::npos && id != kAskTable) info = m_info[id];
    return id;
  }
  [[nodiscard]] WordInfo find_long(std::string_view w) const {
    const auto id = m_table.find(w);
    return id == lexicon::WordTable::npos ? WordInfo{} : m_info[id];
  }

 private:
  lexicon::ShortWordIndex m_short;  // words of up to 8 bytes (nearly all), before m_table
  lexicon::WordTable m_table;
  std::vector<WordInfo> m_info;  // by id
  std::size_t m_max = 0;         // the longest word
};

}  // namespace diplograph::extract
