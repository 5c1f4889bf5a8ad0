// English inflection for the event lexicon: patterns are written with lemmas and every surface
// form is generated here. Over-generation is harmless (a form no one writes never matches), so
// where a rule is uncertain (consonant doubling: "banned" but "visited") both forms are made.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/lexicon/event_lexicon.hpp"

namespace diplograph::lexicon {
namespace {

struct Irregular {
  std::string_view base, past, participle;
};

// Irregular verbs that news uses for interactions (and their prefixed forms).
constexpr std::array kIrregular = {
    Irregular{"arise", "arose", "arisen"},      Irregular{"be", "was", "been"},
    Irregular{"bear", "bore", "borne"},         Irregular{"beat", "beat", "beaten"},
    Irregular{"become", "became", "become"},    Irregular{"begin", "began", "begun"},
    Irregular{"bid", "bid", "bid"},             Irregular{"bind", "bound", "bound"},
    Irregular{"blow", "blew", "blown"},         Irregular{"break", "broke", "broken"},
    Irregular{"bring", "brought", "brought"},   Irregular{"broadcast", "broadcast", "broadcast"},
    Irregular{"build", "built", "built"},       Irregular{"buy", "bought", "bought"},
    Irregular{"cast", "cast", "cast"},          Irregular{"catch", "caught", "caught"},
    Irregular{"choose", "chose", "chosen"},     Irregular{"come", "came", "come"},
    Irregular{"cut", "cut", "cut"},             Irregular{"deal", "dealt", "dealt"},
    Irregular{"do", "did", "done"},             Irregular{"draw", "drew", "drawn"},
    Irregular{"drive", "drove", "driven"},      Irregular{"eat", "ate", "eaten"},
    Irregular{"fall", "fell", "fallen"},        Irregular{"feel", "felt", "felt"},
    Irregular{"fight", "fought", "fought"},     Irregular{"find", "found", "found"},
    Irregular{"flee", "fled", "fled"},          Irregular{"fly", "flew", "flown"},
    Irregular{"forbid", "forbade", "forbidden"}, Irregular{"forecast", "forecast", "forecast"},
    Irregular{"foresee", "foresaw", "foreseen"}, Irregular{"forgive", "forgave", "forgiven"},
    Irregular{"freeze", "froze", "frozen"},     Irregular{"get", "got", "gotten"},
    Irregular{"give", "gave", "given"},         Irregular{"go", "went", "gone"},
    Irregular{"grow", "grew", "grown"},         Irregular{"hang", "hung", "hung"},
    Irregular{"have", "had", "had"},            Irregular{"hear", "heard", "heard"},
    Irregular{"hide", "hid", "hidden"},         Irregular{"hit", "hit", "hit"},
    Irregular{"hold", "held", "held"},          Irregular{"hurt", "hurt", "hurt"},
    Irregular{"keep", "kept", "kept"},          Irregular{"know", "knew", "known"},
    Irregular{"lay", "laid", "laid"},           Irregular{"lead", "led", "led"},
    Irregular{"leave", "left", "left"},         Irregular{"lend", "lent", "lent"},
    Irregular{"let", "let", "let"},             Irregular{"lose", "lost", "lost"},
    Irregular{"make", "made", "made"},          Irregular{"mean", "meant", "meant"},
    Irregular{"meet", "met", "met"},            Irregular{"mislead", "misled", "misled"},
    Irregular{"overrun", "overran", "overrun"}, Irregular{"oversee", "oversaw", "overseen"},
    Irregular{"overthrow", "overthrew", "overthrown"}, Irregular{"overtake", "overtook", "overtaken"},
    Irregular{"pay", "paid", "paid"},           Irregular{"put", "put", "put"},
    Irregular{"quit", "quit", "quit"},          Irregular{"read", "read", "read"},
    Irregular{"rebuild", "rebuilt", "rebuilt"}, Irregular{"retake", "retook", "retaken"},
    Irregular{"ride", "rode", "ridden"},        Irregular{"rise", "rose", "risen"},
    Irregular{"run", "ran", "run"},             Irregular{"say", "said", "said"},
    Irregular{"see", "saw", "seen"},            Irregular{"seek", "sought", "sought"},
    Irregular{"sell", "sold", "sold"},          Irregular{"send", "sent", "sent"},
    Irregular{"set", "set", "set"},             Irregular{"shake", "shook", "shaken"},
    Irregular{"shoot", "shot", "shot"},         Irregular{"show", "showed", "shown"},
    Irregular{"shut", "shut", "shut"},          Irregular{"sink", "sank", "sunk"},
    Irregular{"slay", "slew", "slain"},         Irregular{"speak", "spoke", "spoken"},
    Irregular{"spend", "spent", "spent"},       Irregular{"split", "split", "split"},
    Irregular{"spread", "spread", "spread"},    Irregular{"stand", "stood", "stood"},
    Irregular{"steal", "stole", "stolen"},      Irregular{"strike", "struck", "struck"},
    Irregular{"swear", "swore", "sworn"},       Irregular{"take", "took", "taken"},
    Irregular{"teach", "taught", "taught"},     Irregular{"tear", "tore", "torn"},
    Irregular{"tell", "told", "told"},          Irregular{"think", "thought", "thought"},
    Irregular{"throw", "threw", "thrown"},      Irregular{"undergo", "underwent", "undergone"},
    Irregular{"understand", "understood", "understood"}, Irregular{"undertake", "undertook", "undertaken"},
    Irregular{"uphold", "upheld", "upheld"},    Irregular{"upset", "upset", "upset"},
    Irregular{"wage", "waged", "waged"},        Irregular{"win", "won", "won"},
    Irregular{"withdraw", "withdrew", "withdrawn"}, Irregular{"withhold", "withheld", "withheld"},
    Irregular{"write", "wrote", "written"},
};

// Words that never inflect in a pattern.
constexpr std::array<std::string_view, 64> kClosed = {
    "a", "about", "across", "after", "against", "all", "along", "among", "an", "and", "any",
    "as", "at", "before", "between", "both", "but", "by", "during", "each", "for", "from",
    "her", "his", "in", "into", "it", "its", "itself", "no", "not", "n't", "of", "off", "on",
    "onto", "or", "our", "out", "over", "own", "since", "some", "than", "that", "the", "their",
    "them", "these", "this", "those", "through", "to", "toward", "towards", "under", "until",
    "up", "upon", "us", "via", "with", "within", "without"};

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

const Irregular* find_irregular(std::string_view base) {
  for (const auto& irregular : kIrregular)
    if (irregular.base == base) return &irregular;
  return nullptr;
}

std::string third_person(std::string_view w) {
  std::string s(w);
  if (s.ends_with("s") || s.ends_with("x") || s.ends_with("z") || s.ends_with("ch") ||
      s.ends_with("sh") || s.ends_with("o"))
    return s + "es";
  if (s.size() > 1 && s.back() == 'y' && !is_vowel(s[s.size() - 2])) return s.substr(0, s.size() - 1) + "ies";
  return s + "s";
}

// A word ending consonant-vowel-consonant may double its last letter (ban -> banned); both forms
// are generated because stress decides (visit -> visited, regret -> regretted).
bool may_double(std::string_view w) {
  if (w.size() < 3) return false;
  const char c = w.back();
  if (is_vowel(c) || c == 'w' || c == 'x' || c == 'y') return false;
  return is_vowel(w[w.size() - 2]) && !is_vowel(w[w.size() - 3]);
}

void regular_forms(std::string_view w, std::vector<std::string>& out) {
  const std::string s(w);
  out.push_back(third_person(s));
  if (s.ends_with("e")) {
    out.push_back(s + "d");
    if (s.ends_with("ee") || s.ends_with("ye") || s.ends_with("oe")) out.push_back(s + "ing");
    else if (s.ends_with("ie")) out.push_back(s.substr(0, s.size() - 2) + "ying");
    else out.push_back(s.substr(0, s.size() - 1) + "ing");
  } else if (s.size() > 1 && s.back() == 'y' && !is_vowel(s[s.size() - 2])) {
    out.push_back(s.substr(0, s.size() - 1) + "ied");
    out.push_back(s + "ing");
  } else {
    out.push_back(s + "ed");
    out.push_back(s + "ing");
    if (may_double(s)) {
      out.push_back(s + s.back() + "ed");
      out.push_back(s + s.back() + "ing");
    }
    if (s.ends_with("c")) {  // panic -> panicked
      out.push_back(s + "ked");
      out.push_back(s + "king");
    }
  }
}

}  // namespace

std::vector<std::string> inflections(std::string_view word) {
  std::vector<std::string> out;
  out.emplace_back(word);
  if (std::find(kClosed.begin(), kClosed.end(), word) != kClosed.end()) return out;
  if (word.empty() || !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return out;
  if (const Irregular* irregular = find_irregular(word)) {
    out.emplace_back(irregular->past);
    out.emplace_back(irregular->participle);
    out.push_back(third_person(word));
    if (word == "be") {
      for (std::string_view f : {"am", "is", "are", "were", "being"}) out.emplace_back(f);
    } else if (word == "have") {
      out.emplace_back("has");
      out.emplace_back("having");
    } else {
      std::vector<std::string> regular;
      regular_forms(word, regular);
      for (auto& form : regular)  // keep only the -ing forms of the regular rules
        if (form.ends_with("ing")) out.push_back(std::move(form));
    }
    if (word == "lay" || word == "pay") out.emplace_back(std::string(word) + "s");
  } else {
    regular_forms(word, out);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_past_participle_of(std::string_view form, std::string_view lemma) {
  if (const Irregular* irregular = find_irregular(lemma)) return form == irregular->participle;
  for (const auto& f : inflections(lemma))
    if (f == form && f.ends_with("ed")) return true;
  return false;
}

}  // namespace diplograph::lexicon
