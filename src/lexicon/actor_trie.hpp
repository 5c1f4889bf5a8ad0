// The trie behind ActorLexicon, frozen into flat tables: every distinct dictionary word gets an
// integer id (one open-addressing table keyed by the word's bytes), and the trie's edges are
// (node, word id) -> child in a second table of integers. A sentence's words are looked up once
// each; walking the trie then compares integers, and a word no phrase contains (most words of
// running text) is rejected by that one look-up. Private to the lexicon stage.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diplograph/lexicon/actor_lexicon.hpp"
#include "diplograph/lexicon/word_table.hpp"

namespace diplograph::lexicon {

// A word as two 64-bit numbers read from its first and last eight bytes (or fewer, never past the
// end); a word longer than 16 bytes has its middle folded into `a`. For words of up to 16 bytes,
// two words of the same length are equal exactly when their parts are.
struct WordParts {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::size_t n = 0;
};

inline WordParts word_parts(std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  WordParts w{0, 0, n};
  if (n >= 8) {
    std::memcpy(&w.a, p, 8);
    std::memcpy(&w.b, p + n - 8, 8);
    for (std::size_t i = 8; i + 8 < n; i += 8) {
      std::uint64_t c;
      std::memcpy(&c, p + i, 8);
      w.a = (w.a ^ c) * 0x9E3779B97F4A7C15ULL;
    }
  } else if (n >= 4) {
    std::uint32_t x;
    std::uint32_t y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    w.a = x;
    w.b = y;
  } else if (n > 0) {
    w.a = static_cast<unsigned char>(p[0]) |
          (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) |
          (static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16);
  }
  return w;
}

// A fast hash of a short byte string (words are a few bytes), from its parts.
inline std::uint64_t word_hash(const WordParts& w) {
  std::uint64_t h = (w.a ^ (static_cast<std::uint64_t>(w.n) << 56)) * 0x9E3779B97F4A7C15ULL;
  h ^= w.b * 0xC2B2AE3D27D4EB4FULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 32;
  return h;
}

struct ActorLexicon::Trie {
  static constexpr std::uint32_t kNoWord = 0xFFFFFFFFu;

  // ---- words -> ids ----
  // Most words of running text are in no phrase, and many are rare: a 16 KB Bloom filter (two
  // bits a word) turns most of them away before the table, whose random probes would miss the
  // cache. A slot holds the word's parts (WordParts), so that a probe reads one cache line; words
  // longer than 16 bytes are checked in `pool` as well.
  static constexpr unsigned kBloomBits = 17;
  std::vector<std::uint64_t> bloom;
  struct WordSlot {
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    std::uint32_t n = 0;
    std::uint32_t id = kNoWord;  // kNoWord: empty
  };
  std::vector<WordSlot> word_slots;
  std::uint64_t word_mask = 0;
  std::string pool;
  std::vector<std::uint32_t> word_offset;  // by id, into pool
  std::vector<std::uint32_t> word_length;

  // Words of up to 8 bytes (most tokens: "the", ",", "minister") are looked up first in a
  // direct-mapped table keyed by their bytes: one multiply and one slot, no Bloom filter and no
  // probing. When several dictionary words fall into one slot, the slot keeps the shortest
  // (the shortest words are the most frequent in running text: "to", "of" and "in" are on
  // phrases) and is marked `more`: any other word there is looked up in the table above, as a
  // word longer than 8 bytes is.
  struct ShortSlot {
    std::uint64_t key = 0;  // short_key of the word
    std::uint16_t n = 0;    // 0: no dictionary word here
    std::uint16_t more = 0;  // 1: other dictionary words fall into this slot too
    std::uint32_t id = kNoWord;
  };
  static constexpr unsigned kShortBits = 14;
  std::vector<ShortSlot> short_slots;
  // The bytes of a word of 1 to 8 bytes as one number, from its parts: with the length it
  // names the word exactly (for 1-3 bytes, the parts keep bytes 0, n/2 and n-1: all of them).
  static std::uint64_t short_key(const WordParts& w) {
    return w.n >= 8 ? w.a : w.n >= 4 ? (w.a | (w.b << 32)) : w.a;
  }
  static std::size_t short_index(std::uint64_t key, std::size_t n) {
    return static_cast<std::size_t>(((key + n) * 0x9E3779B97F4A7C15ULL) >> (64 - kShortBits));
  }
  // The short_key of a word of 1 to 8 bytes read straight from its bytes: the same number as
  // short_key(word_parts(w)), without word_parts' tests for the longer words. (For 8 bytes, the
  // two halves are the eight bytes that word_parts reads at once.)
  static std::uint64_t short_key_of(std::string_view w) { return ShortWordIndex::key(w); }
  // The id of a word of 1 to 8 bytes whose short_key is `key`: one slot, or the full table when
  // the word is not the one its slot keeps and other dictionary words fall there.
  [[nodiscard]] std::uint32_t short_word_id(std::string_view w, std::uint64_t key) const {
    const ShortSlot& s = short_slots[short_index(key, w.size())];
    if (s.key == key && s.n == w.size()) return s.id;
    return s.more ? word_id(w) : kNoWord;
  }

  // ---- edges ----
  struct EdgeSlot {
    std::uint64_t key = 0;  // (node << 32) | word
    std::uint32_t child = 0;  // 0: empty (the root is nobody's child)
  };
  std::vector<std::uint32_t> root_children;  // by word id; 0: none
  std::vector<EdgeSlot> edges;
  std::uint64_t edge_mask = 0;

  // ---- phrases ending at each node, strictest case rules first ----
  std::vector<std::uint32_t> phrase_begin;  // per node, into phrase_list; size nodes + 1
  std::vector<std::uint32_t> phrase_list;
  // by phrase: 0 no case rule; 1 a word has a case rule to check (case_ok); 2 the phrase is one
  // word that must be capitalised
  std::vector<std::uint8_t> phrase_cased;

  static std::uint64_t bloom_bit(std::uint64_t h, unsigned k) {
    return (h >> (k * kBloomBits)) & ((std::uint64_t{1} << kBloomBits) - 1);
  }
  [[nodiscard]] bool maybe(std::uint64_t h) const {
    const std::uint64_t a = bloom_bit(h, 0);
    const std::uint64_t b = bloom_bit(h, 1);
    return ((bloom[a >> 6] >> (a & 63)) & (bloom[b >> 6] >> (b & 63)) & 1) != 0;
  }

  [[nodiscard]] std::uint32_t word_id(std::string_view w) const { return word_id(w, word_parts(w)); }
  // The same with the word's parts made already (units_of reads them again for its '-' test).
  [[nodiscard]] std::uint32_t word_id(std::string_view w, const WordParts& parts) const {
    if (parts.n <= 8) {
      const std::uint64_t key = short_key(parts);
      const ShortSlot& s = short_slots[short_index(key, parts.n)];
      if (s.key == key && s.n == parts.n) return s.id;
      if (!s.more) return kNoWord;
    }
    const std::uint64_t h = word_hash(parts);
    if (!maybe(h)) return kNoWord;
    for (std::uint64_t i = h & word_mask;; i = (i + 1) & word_mask) {
      const WordSlot& s = word_slots[i];
      if (s.id == kNoWord) return kNoWord;
      if (s.n != parts.n || s.a != parts.a || s.b != parts.b) continue;
      if (parts.n <= 16 || std::memcmp(pool.data() + word_offset[s.id], w.data(), w.size()) == 0)
        return s.id;
    }
  }

  [[nodiscard]] std::uint32_t child(std::uint32_t node, std::uint32_t word) const {
    if (node == 0) return root_children[word];
    const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32) | word;
    std::uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 31;
    for (std::uint64_t i = h & edge_mask;; i = (i + 1) & edge_mask) {
      const EdgeSlot& s = edges[i];
      if (s.child == 0) return 0;
      if (s.key == key) return s.child;
    }
  }

  // Builds the tables from each phrase's lower-case words; phrase_order lists, per node, the
  // phrases ending there in the order they are to be tried.
  class Building {
   public:
    std::uint32_t add_child(std::uint32_t node, const std::string& word) {
      const std::uint32_t w = intern(word);
      auto [it, inserted] = m_edges.emplace(std::pair{node, w}, m_nodes);
      if (inserted) ++m_nodes;
      return it->second;
    }
    [[nodiscard]] std::uint32_t node_count() const { return m_nodes; }

    Trie freeze(const std::vector<std::vector<std::uint32_t>>& phrases_at) && {
      Trie t;
      t.bloom.assign((std::size_t{1} << kBloomBits) / 64, 0);
      std::size_t cap = 16;
      while (cap < 2 * m_words.size()) cap <<= 1;
      t.word_slots.assign(cap, {});
      t.word_mask = cap - 1;
      for (std::uint32_t id = 0; id < m_words.size(); ++id) {
        const std::string& w = m_words[id];
        const WordParts parts = word_parts(w);
        const std::uint64_t h = word_hash(parts);
        for (unsigned k = 0; k < 2; ++k) {
          const std::uint64_t bit = bloom_bit(h, k);
          t.bloom[bit >> 6] |= std::uint64_t{1} << (bit & 63);
        }
        t.word_offset.push_back(static_cast<std::uint32_t>(t.pool.size()));
        t.word_length.push_back(static_cast<std::uint32_t>(w.size()));
        t.pool += w;
        std::uint64_t i = h & t.word_mask;
        while (t.word_slots[i].id != kNoWord) i = (i + 1) & t.word_mask;
        t.word_slots[i] = {parts.a, parts.b, static_cast<std::uint32_t>(parts.n), id};
      }
      t.short_slots.assign(std::size_t{1} << kShortBits, {});
      for (std::uint32_t id = 0; id < m_words.size(); ++id) {
        const WordParts parts = word_parts(m_words[id]);
        if (parts.n > 8 || parts.n == 0) continue;
        const std::uint64_t key = short_key(parts);
        ShortSlot& slot = t.short_slots[short_index(key, parts.n)];
        const auto n = static_cast<std::uint16_t>(parts.n);
        if (slot.n == 0) {
          slot = {key, n, 0, id};
        } else {
          // the shorter word keeps the slot (the earlier one of the same length)
          if (n < slot.n) slot = {key, n, 0, id};
          slot.more = 1;
        }
      }
      t.root_children.assign(m_words.size(), 0);
      std::size_t inner = 0;
      for (const auto& [edge, child] : m_edges)
        if (edge.first != 0) ++inner;
      cap = 16;
      while (cap < 2 * inner) cap <<= 1;
      t.edges.assign(cap, {});
      t.edge_mask = cap - 1;
      for (const auto& [edge, child] : m_edges) {
        if (edge.first == 0) {
          t.root_children[edge.second] = child;
          continue;
        }
        const std::uint64_t key = (static_cast<std::uint64_t>(edge.first) << 32) | edge.second;
        std::uint64_t h = key * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 31;
        std::uint64_t i = h & t.edge_mask;
        while (t.edges[i].child != 0) i = (i + 1) & t.edge_mask;
        t.edges[i] = {key, child};
      }
      t.phrase_begin.assign(m_nodes + 1, 0);
      for (std::uint32_t node = 0; node < m_nodes; ++node) {
        t.phrase_begin[node] = static_cast<std::uint32_t>(t.phrase_list.size());
        if (node < phrases_at.size())
          t.phrase_list.insert(t.phrase_list.end(), phrases_at[node].begin(), phrases_at[node].end());
      }
      t.phrase_begin[m_nodes] = static_cast<std::uint32_t>(t.phrase_list.size());
      return t;
    }

   private:
    std::uint32_t intern(const std::string& word) {
      auto [it, inserted] = m_word_ids.emplace(word, static_cast<std::uint32_t>(m_words.size()));
      if (inserted) m_words.push_back(word);
      return it->second;
    }
    std::map<std::string, std::uint32_t> m_word_ids;
    std::vector<std::string> m_words;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> m_edges;
    std::uint32_t m_nodes = 1;
  };
};

}  // namespace diplograph::lexicon
