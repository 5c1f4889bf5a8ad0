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

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diplograph::extract {

struct WordInfo {
  std::uint32_t classes = 0;   // bits of the lists the word is on
  std::uint8_t last_head = 0;  // 1 + index of the role it gives as a name's last word; 0: none
  std::uint8_t first_head = 0; // the same as a name's first word
};

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
      std::size_t cap = 64;
      while (cap < 2 * m_words.size()) cap <<= 1;
      t.m_slots.assign(cap, {});
      t.m_mask = cap - 1;
      for (std::size_t k = 0; k < m_words.size(); ++k) {
        const std::string_view w = m_words[k].first;
        t.m_max = std::max(t.m_max, w.size());
        const std::uint64_t h = hash(w);
        std::uint64_t i = h & t.m_mask;
        while (t.m_slots[i].tag != 0) i = (i + 1) & t.m_mask;
        t.m_slots[i] = {tag_of(h), static_cast<std::uint32_t>(k)};
      }
      t.m_words = std::move(m_words);
      return t;
    }

   private:
    WordInfo& at(std::string_view w) {
      for (auto& [word, info] : m_words)
        if (word == w) return info;
      m_words.emplace_back(w, WordInfo{});
      return m_words.back().second;
    }
    std::vector<std::pair<std::string_view, WordInfo>> m_words;  // the lists are static
  };

  [[nodiscard]] WordInfo find(std::string_view w) const {
    if (w.size() > m_max || w.empty()) return {};
    const std::uint64_t h = hash(w);
    const std::uint32_t tag = tag_of(h);
    for (std::uint64_t i = h & m_mask;; i = (i + 1) & m_mask) {
      const Slot& s = m_slots[i];
      if (s.tag == 0) return {};
      if (s.tag == tag && m_words[s.index].first == w) return m_words[s.index].second;
    }
  }

 private:
  // The words are few and short: their length and first, middle and last bytes tell most apart
  // (the bytes are compared after), and reading them takes no loop.
  static std::uint64_t hash(std::string_view w) {
    const auto u = [&](std::size_t k) { return static_cast<std::uint64_t>(static_cast<unsigned char>(w[k])); };
    const std::size_t n = w.size();
    const std::uint64_t x = n | (u(0) << 8) | (u(n / 2) << 16) | (u(n - 1) << 24) |
                            (n > 2 ? u(1) << 32 : 0) | (n > 3 ? u(n - 2) << 40 : 0);
    std::uint64_t h = x * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 31);
  }
  static std::uint32_t tag_of(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32) | 1u; }
  struct Slot {  // 8 bytes, so that the table stays in the first-level cache
    std::uint32_t tag = 0;  // 0: empty
    std::uint32_t index = 0;
  };
  std::vector<Slot> m_slots;
  std::vector<std::pair<std::string_view, WordInfo>> m_words;
  std::uint64_t m_mask = 0;
  std::size_t m_max = 0;
};

}  // namespace diplograph::extract
