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
#include <cstring>
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
      t.m_short.assign(std::size_t{1} << kShortBits, {});
      for (std::uint32_t id = 0; id < m_table.size(); ++id) {
        const std::string_view w = m_table.word(id);
        if (w.empty() || w.size() > 8) continue;
        ShortSlot& slot = t.m_short[short_index(short_key(w), w.size())];
        if (slot.id == lexicon::WordTable::npos) slot = {short_key(w), static_cast<std::uint32_t>(w.size()), id};
        else slot.id = kShared;
      }
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
    if (w.size() <= 8) {
      const std::uint64_t key = short_key(w);
      const ShortSlot& s = m_short[short_index(key, w.size())];
      if (s.id != kShared) return s.id != lexicon::WordTable::npos && s.key == key && s.n == w.size() ? m_info[s.id] : WordInfo{};
    }
    const auto id = m_table.find(w);
    return id == lexicon::WordTable::npos ? WordInfo{} : m_info[id];
  }

 private:
  // Words of up to 8 bytes (nearly every listed word, and most tokens) are looked up in a
  // direct-mapped table keyed by their bytes, without hashing the word: one multiply, one slot.
  // A slot two listed words fall into is marked kShared and sends the look-up to m_table.
  static constexpr std::uint32_t kShared = lexicon::WordTable::npos - 1;
  static constexpr unsigned kShortBits = 11;
  struct ShortSlot {
    std::uint64_t key = 0;
    std::uint32_t n = 0;
    std::uint32_t id = lexicon::WordTable::npos;  // npos: no listed word here
  };
  // The bytes of a word of 1 to 8 bytes as one number: with its length it names the word
  // exactly (4-8 bytes: the first and last four; 1-3 bytes: bytes 0, n/2 and n-1, all of them).
  static std::uint64_t short_key(std::string_view w) {
    const char* p = w.data();
    const std::size_t n = w.size();
    if (n >= 4) {
      std::uint32_t lo;
      std::uint32_t hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      return lo | (std::uint64_t{hi} << 32);
    }
    return static_cast<unsigned char>(p[0]) | (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
           (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
  }
  static std::size_t short_index(std::uint64_t key, std::size_t n) {
    return static_cast<std::size_t>(((key + n) * 0x9E3779B97F4A7C15ULL) >> (64 - kShortBits));
  }
  std::vector<ShortSlot> m_short;
  lexicon::WordTable m_table;
  std::vector<WordInfo> m_info;  // by id
  std::size_t m_max = 0;         // the longest word
};

}  // namespace diplograph::extract
