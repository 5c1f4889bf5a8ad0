// DOT and rendered diagrams through Graphviz's own libraries: the graph is built with cgraph
// (agopen/agsubg/agnode/agedge, attributes through agattr symbols and agxset, the symbol form
// of agsafeset) and written by agwrite into a std::string through an Agiodisc_t, or laid out
// and rendered by gvc in this process. cgraph quotes names and values itself; what it does not
// do is protect text from Graphviz's escString rules (\N, \n, \l...), so labels and tooltips
// have their backslashes doubled and their line breaks turned into \n here.
//
// Graphviz is not thread-safe and one GVC context should live for the whole process (repeated
// contexts leak): every call below holds kGraphvizLock.
#include <cgraph.h>
#include <gvc.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "diplograph/io/export.hpp"
#include "write_common.hpp"

namespace diplograph::io {
namespace {

std::mutex& graphviz_lock() {
  static std::mutex lock;
  return lock;
}

GVC_t* graphviz_context() {
  // Created once, on first use, and kept for the process: gvFreeContext at exit would race
  // other static destructors and buys nothing.
  static GVC_t* context = gvContext();
  return context;
}

char* mutable_text(const char* s) { return const_cast<char*>(s); }

// Text for an escString attribute (label, tooltip, xlabel): Graphviz shows it as written.
std::string esc_string(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

// A DOT ID cannot hold every string: no escape exists for a backslash, so an ID ending in one
// (or holding a backslash before a line break) cannot be written. Such actors, and those with
// control characters, get the name "actor<N>"; every actor keeps its id in the `actor_id`
// attribute and the SVG element id.
bool safe_dot_name(std::string_view id) {
  if (id.empty()) return false;
  return std::none_of(id.begin(), id.end(), [](char c) {
    return c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

const char* shape_of(ActorKind kind) {
  switch (kind) {
    case ActorKind::state: return "box";
    case ActorKind::person: return "ellipse";
    case ActorKind::government: return "house";
    case ActorKind::ministry: return "component";
    case ActorKind::military: return "hexagon";
    case ActorKind::legislature: return "tab";
    case ActorKind::judiciary: return "octagon";
    case ActorKind::party: return "parallelogram";
    case ActorKind::company: return "note";
    case ActorKind::igo: return "doubleoctagon";
    case ActorKind::group: return "diamond";
    case ActorKind::media: return "cds";
    case ActorKind::other: return "plain";
  }
  return "ellipse";
}

// QuadClass colours: verbal cooperation green, material cooperation blue, verbal conflict
// orange, material conflict red; grey when unknown.
const char* colour_of(int quad) {
  switch (quad) {
    case 1: return "#2e7d32";
    case 2: return "#1565c0";
    case 3: return "#ef6c00";
    case 4: return "#c62828";
    default: return "#757575";
  }
}

std::string pen_width(std::size_t count) {
  const double w = 1.0 + std::log2(static_cast<double>(std::max<std::size_t>(count, 1)));
  return fmt::format("{:.2f}", std::min(w, 8.0));
}

// pen_width() once per count: it reaches its cap of 8 at 128, so the table is short.
class PenWidths {
 public:
  PenWidths() {
    for (std::size_t c = 0; c < m_text.size(); ++c) m_text[c] = pen_width(c);
  }
  const std::string& operator()(std::size_t count) const {
    return m_text[std::min(count, m_text.size() - 1)];
  }

 private:
  std::array<std::string, 129> m_text;
};

// Decimal text of a count or a quad without a temporary string: "605851".
struct Decimal {
  char text[24];
  explicit Decimal(long long value) { *std::to_chars(text, text + 23, value).ptr = '\0'; }
};

int put_string(void* chan, const char* text) {
  auto* sink = static_cast<detail::Sink*>(chan);
  sink->text.append(text);
  sink->maybe_flush();
  return 0;
}
int flush_nothing(void*) { return 0; }

// Memory for one graph: cgraph allocates many small objects (nodes, edges, attribute records,
// strings) and frees each one in agclose; with malloc that took a fifth of a large export. An
// arena makes allocation a pointer bump and free a no-op; GraphCloser releases the arena after
// agclose. The discipline has no close(): with one, agclose skips closing its dictionaries,
// whose headers cdt mallocs, and leaks them. Blocks come from calloc: cgraph expects zeroed
// memory. The arena being opened is handed over in a global, safe under graphviz_lock().
struct Arena {
  std::vector<void*> blocks;
  char* next = nullptr;
  std::size_t left = 0;
  ~Arena() {
    for (void* block : blocks) std::free(block);
  }
};
Arena* g_opened_arena = nullptr;

void* arena_open(Agdisc_t*) {
  g_opened_arena = new Arena;
  return g_opened_arena;
}
void* arena_alloc(void* state, std::size_t request) {
  auto* arena = static_cast<Arena*>(state);
  request = (request + 15) & ~std::size_t{15};
  if (request > arena->left) {
    const std::size_t size = std::max<std::size_t>(request, std::size_t{4} << 20);
    void* block = std::calloc(1, size);
    if (!block) return nullptr;
    arena->blocks.push_back(block);
    arena->next = static_cast<char*>(block);
    arena->left = size;
  }
  void* out = arena->next;
  arena->next += request;
  arena->left -= request;
  return out;
}
void* arena_resize(void* state, void* ptr, std::size_t old_size, std::size_t request) {
  if (request <= old_size) return ptr;
  void* out = arena_alloc(state, request);
  if (out && ptr) std::memcpy(out, ptr, old_size);
  return out;
}
void arena_free(void*, void*) {}
Agmemdisc_t kArenaMemory = {arena_open, arena_alloc, arena_resize, arena_free, nullptr};

Agiodisc_t kStringIo = {nullptr, put_string, flush_nothing};
Agdisc_t kStringDisc = {&kArenaMemory, &AgIdDisc, &kStringIo};

struct GraphCloser {
  Arena* arena = nullptr;
  void operator()(Agraph_t* g) const {
    agclose(g);
    delete arena;
  }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

// Declares an attribute with its default and returns its symbol.
Agsym_t* declare(Agraph_t* g, int kind, const char* name, const char* fallback) {
  return agattr(g, kind, mutable_text(name), mutable_text(fallback));
}
void set(void* object, Agsym_t* symbol, const char* value) {
  agxset(object, symbol, mutable_text(value));
}
void set(void* object, Agsym_t* symbol, const std::string& value) {
  set(object, symbol, value.c_str());
}
// set() for an edge, skipped when the value is the attribute's declared default. The file is
// the same: agwrite leaves out a value that is the default (cgraph interns equal strings), and
// the edge holds the default already; this saves two lookups in cgraph's string dictionary.
void set_edge(Agedge_t* edge, Agsym_t* symbol, const char* value) {
  if (std::strcmp(value, symbol->defval) == 0) return;
  agxset(edge, symbol, mutable_text(value));
}
void set_edge(Agedge_t* edge, Agsym_t* symbol, const std::string& value) {
  set_edge(edge, symbol, value.c_str());
}

// Values of one edge attribute, set once every edge exists, in byte order. cgraph interns each
// value in one splay tree of strings (cdt's Dttree, compared with strcmp): a value new to the
// tree is found and inserted from the root, about twenty cache-missing comparisons deep once it
// holds a million strings, which for a tooltip unique to each edge was most of agxset's cost.
// Set in sorted order, each new value is the successor of the one set before, next to the
// root. The file is the same: a value belongs to its edge whatever order the values were set in.
class SortedValues {
 public:
  explicit SortedValues(Agsym_t* symbol) : m_symbol(symbol) {}
  void add(Agedge_t* edge, std::string value) { m_values.push_back({edge, std::move(value)}); }
  void set_all() {
    std::sort(m_values.begin(), m_values.end(),
              [](const Value& a, const Value& b) { return a.text < b.text; });
    for (const Value& v : m_values) set_edge(v.edge, m_symbol, v.text);
    m_values = {};
  }

 private:
  struct Value {
    Agedge_t* edge;
    std::string text;
  };
  Agsym_t* m_symbol;
  std::vector<Value> m_values;
};

// Where the country clusters go. In a DOT file they sit inside one plain subgraph,
// "countries": agwrite tests every edge of a graph, and the head node of every edge, against
// each of that graph's subgraphs (is it written inside one?), so 300 clusters directly under
// the root made writing cost edges x clusters dictionary searches (600,000 edges: 23.9 s
// against 0.83 s nested, docs/PERFORMANCE.md). dot, fdp, osage and patchwork find clusters
// inside a plain subgraph and draw them the same; neato (2.43) draws only clusters directly
// under the root, so the graph laid out in-process keeps them there (agwrite is not called).
// Edges are always made in the root graph, so agwrite writes each once, at the top level.
enum class ClusterPlacement { under_root, in_countries };

GraphPtr build_graph(const ExportGraph& input, const DotOptions& options,
                     ClusterPlacement placement) {
  const auto table = detail::actor_table(input);
  const auto states = detail::affiliation_map(input.graph);

  g_opened_arena = nullptr;
  Agraph_t* opened = agopen(mutable_text("diplograph"), Agdirected, &kStringDisc);
  GraphPtr g{opened, GraphCloser{g_opened_arena}};
  g_opened_arena = nullptr;
  Agraph_t* root = g.get();
  agsafeset(root, mutable_text("fontname"), mutable_text("Helvetica"), mutable_text(""));
  agsafeset(root, mutable_text("outputorder"), mutable_text("edgesfirst"), mutable_text(""));

  Agsym_t* n_label = declare(root, AGNODE, "label", "\\N");
  Agsym_t* n_shape = declare(root, AGNODE, "shape", "ellipse");
  Agsym_t* n_tooltip = declare(root, AGNODE, "tooltip", "");
  Agsym_t* n_id = declare(root, AGNODE, "id", "");
  Agsym_t* n_actor = declare(root, AGNODE, "actor_id", "");
  Agsym_t* n_code = declare(root, AGNODE, "code", "");
  Agsym_t* n_kind = declare(root, AGNODE, "kind", "");
  declare(root, AGNODE, "fontname", "Helvetica");

  Agsym_t* e_label = declare(root, AGEDGE, "label", "");
  Agsym_t* e_tooltip = declare(root, AGEDGE, "tooltip", "");
  Agsym_t* e_color = declare(root, AGEDGE, "color", "#757575");
  Agsym_t* e_width = declare(root, AGEDGE, "penwidth", "1");
  declare(root, AGEDGE, "fontname", "Helvetica");
  declare(root, AGEDGE, "fontsize", "10");
  const bool events = input.edges == EdgeView::events;
  Agsym_t* e_cameo = events ? declare(root, AGEDGE, "cameo", "") : nullptr;
  Agsym_t* e_date = events ? declare(root, AGEDGE, "date", "") : nullptr;
  Agsym_t* e_gold = declare(root, AGEDGE, "goldstein", "");
  Agsym_t* e_quad = declare(root, AGEDGE, "quad", "");
  Agsym_t* e_count = events ? nullptr : declare(root, AGEDGE, "count", "");
  Agsym_t* e_weight = events ? nullptr : declare(root, AGEDGE, "weight", "1");

  Agsym_t* c_label = declare(root, AGRAPH, "label", "");
  declare(root, AGRAPH, "style", "");
  declare(root, AGRAPH, "color", "");

  // The cluster of each country: a member sits with the state it belongs to.
  std::unordered_map<std::string_view, const Actor*> by_id;
  by_id.reserve(table.all.size());
  for (const Actor* a : table.all) by_id.emplace(a->id, a);
  auto cluster_key = [&](const Actor& a) -> std::string_view {
    if (auto it = states.find(a.id); it != states.end()) {
      if (auto st = by_id.find(it->second); st != by_id.end() && !st->second->country.empty())
        return st->second->country;
    }
    return a.country;
  };
  std::map<std::string_view, std::string> cluster_title;  // country -> label
  for (const Actor* a : table.all) {
    const auto key = cluster_key(*a);
    if (key.empty()) continue;
    auto& title = cluster_title[key];
    if (a->kind == ActorKind::state && a->country == key) title = a->name;
  }
  std::unordered_map<std::string_view, Agraph_t*> clusters;
  Agraph_t* countries = root;
  if (placement == ClusterPlacement::in_countries && !cluster_title.empty())
    countries = agsubg(root, mutable_text("countries"), 1);
  std::size_t cluster_index = 0;
  for (auto& [country, title] : cluster_title) {
    const std::string name = fmt::format("cluster_{}", cluster_index++);
    Agraph_t* sub = agsubg(countries, mutable_text(name.c_str()), 1);
    set(sub, c_label, esc_string(title.empty() ? std::string(country) : title));
    agsafeset(sub, mutable_text("style"), mutable_text("rounded"), mutable_text(""));
    agsafeset(sub, mutable_text("color"), mutable_text("#9e9e9e"), mutable_text(""));
    clusters.emplace(country, sub);
  }

  std::unordered_map<std::string_view, Agnode_t*> nodes;
  nodes.reserve(table.all.size());
  std::size_t node_index = 0;
  for (const Actor* a : table.all) {
    const auto key = cluster_key(*a);
    Agraph_t* home = key.empty() ? root : clusters.at(key);
    const std::string name =
        safe_dot_name(a->id) ? a->id : fmt::format("actor{}", node_index);
    ++node_index;
    Agnode_t* n = agnode(home, mutable_text(name.c_str()), 1);
    set(n, n_label, esc_string(a->name.empty() ? a->id : a->name));
    set(n, n_shape, shape_of(a->kind));
    std::string tip = a->name;
    if (!a->title.empty()) tip += ", " + a->title;
    if (!a->code.empty()) tip += " (" + a->code + ")";
    set(n, n_tooltip, esc_string(tip));
    set(n, n_id, esc_string(a->id));
    set(n, n_actor, esc_string(a->id));
    if (!a->code.empty()) set(n, n_code, esc_string(a->code));
    set(n, n_kind, std::string(to_string(a->kind)));
    nodes.emplace(a->id, n);
  }

  const bool show_labels = options.edge_labels == EdgeLabels::show;
  detail::CameoLabels labels(options.cameo_name);
  const PenWidths widths;
  SortedValues tooltips(e_tooltip);
  SortedValues goldsteins(e_gold);
  if (events) {
    std::string tip;
    for (const auto& e : input.graph.events) {
      Agedge_t* edge = agedge(root, nodes.at(e.source.id), nodes.at(e.target.id), nullptr, 1);
      const std::string& name = labels(e.cameo);
      if (show_labels) set_edge(edge, e_label, esc_string(name));
      const auto ev = detail::evidence_of(e);
      tip.clear();
      tip += name;
      if (e.date) tip += ", " + e.date->iso();
      if (ev.reports) {
        tip += ": ";
        tip += ev.evidence;
        tip += " [";
        tip += ev.doc;
        tip += ']';
      }
      tooltips.add(edge, esc_string(tip));
      set_edge(edge, e_color, colour_of(e.quad));
      if (ev.reports > 1) set_edge(edge, e_width, widths(ev.reports));
      set_edge(edge, e_cameo, esc_string(e.cameo));
      if (e.date) set_edge(edge, e_date, e.date->iso());
      set_edge(edge, e_gold, fmt::format("{}", e.goldstein));
      set_edge(edge, e_quad, Decimal(e.quad).text);
    }
  } else {
    for (const auto& d : input.dyads) {
      Agedge_t* edge = agedge(root, nodes.at(d.source), nodes.at(d.target), nullptr, 1);
      const std::string& root_name = labels(detail::dominant_root(d));
      if (show_labels)
        set_edge(edge, e_label,
            esc_string(root_name.empty() ? fmt::format("{}", d.count)
                                         : fmt::format("{} x {}", d.count, root_name)));
      std::string tip = fmt::format("{} events, Goldstein mean {:.2f}", d.count,
                                    d.goldstein_mean);
      if (d.first) tip += ", " + d.first->iso();
      if (d.last && d.last != d.first) tip += " to " + d.last->iso();
      if (!d.root_count.empty()) tip += "; roots " + detail::roots_text(d);
      tooltips.add(edge, esc_string(tip));
      const int quad = detail::dominant_quad(d);
      set_edge(edge, e_color, colour_of(quad));
      set_edge(edge, e_width, widths(d.count));
      goldsteins.add(edge, fmt::format("{}", d.goldstein_mean));
      set_edge(edge, e_quad, Decimal(quad).text);
      const Decimal count(static_cast<long long>(d.count));
      set_edge(edge, e_count, count.text);
      set_edge(edge, e_weight, count.text);
    }
  }
  tooltips.set_all();
  goldsteins.set_all();
  return g;
}

}  // namespace

void detail::write_dot_to(const ExportGraph& input, const DotOptions& options,
                          detail::Sink& sink) {
  std::lock_guard guard(graphviz_lock());
  // The graph written last is closed by the next write, not by this one: agclose deletes every
  // edge and releases each attribute value through cgraph's string dictionary, a third of a
  // 600,000-edge write (docs/PERFORMANCE.md), and when the process exits after its one export
  // (the CLI) that work buys nothing. So at most one written graph stays in memory, reachable
  // from a slot that is never destroyed, and the kernel takes it back at exit, as compilers
  // leave their syntax trees. Closing the previous graph first keeps a long-lived process
  // bounded.
  static auto* last_written = new GraphPtr;
  last_written->reset();
  GraphPtr g = build_graph(input, options, ClusterPlacement::in_countries);
  sink.reserve(256 + (input.edges == EdgeView::events ? input.graph.events.size() * 300
                                                      : input.dyads.size() * 250));
  agwrite(g.get(), &sink);
  sink.flush();
  *last_written = std::move(g);
}

std::string write_dot(const ExportGraph& input, const DotOptions& options) {
  detail::Sink sink;
  detail::write_dot_to(input, options, sink);
  return std::move(sink.text);
}

std::optional<Layout> layout_from_string(std::string_view name) {
  if (name == "auto" || name == "automatic") return Layout::automatic;
  if (name == "dot") return Layout::dot;
  if (name == "neato") return Layout::neato;
  if (name == "fdp") return Layout::fdp;
  if (name == "sfdp") return Layout::sfdp;
  if (name == "circo") return Layout::circo;
  return std::nullopt;
}

std::string_view to_string(Layout layout) {
  switch (layout) {
    case Layout::automatic: return "auto";
    case Layout::dot: return "dot";
    case Layout::neato: return "neato";
    case Layout::fdp: return "fdp";
    case Layout::sfdp: return "sfdp";
    case Layout::circo: return "circo";
  }
  return "auto";
}

// Measured on a 245-actor, 717-edge graph (docs/PERFORMANCE.md): dot takes seconds to minutes
// once edges number in the hundreds, neato a fraction of a second, sfdp scales furthest.
Layout choose_layout(std::size_t nodes, std::size_t edges) {
  // fdp keeps the country clusters and stays compact; dot puts the many unconnected members of
  // a cluster on one rank, which makes diagrams of news graphs very wide.
  if (nodes <= 60 && edges <= 150) return Layout::fdp;
  if (nodes <= 1500 && edges <= 8000) return Layout::neato;
  return Layout::sfdp;
}

expected<std::string, Error> render_graph(const ExportGraph& input, RenderFormat format,
                                               Layout layout, const DotOptions& options) {
  const std::size_t edge_count =
      input.edges == EdgeView::events ? input.graph.events.size() : input.dyads.size();
  if (layout == Layout::automatic) layout = choose_layout(input.graph.actors.size(), edge_count);
  const char* renderer = format == RenderFormat::svg   ? "svg"
                         : format == RenderFormat::png ? "png"
                                                       : "pdf";

  std::lock_guard guard(graphviz_lock());
  GVC_t* gvc = graphviz_context();
  GraphPtr g = build_graph(input, options, ClusterPlacement::under_root);
  // Edge labels are placed as external labels (xlabel) when rendering. dot's own placement of
  // labels on edges within one rank (flat_edges) corrupts the heap in Graphviz 2.42: it reallocs
  // the rank array and gvFreeLayout later frees the old block (valgrind shows it; the `dot`
  // program never frees its last layout, so it hides the bug). xlabels skip that code, and dot
  // lays out much faster without edge labels in ranks (NOTES.md: 103 s against 6.7 s).
  if (Agsym_t* label = agattr(g.get(), AGEDGE, mutable_text("label"), nullptr)) {
    Agsym_t* xlabel = agattr(g.get(), AGEDGE, mutable_text("xlabel"), mutable_text(""));
    for (Agnode_t* n = agfstnode(g.get()); n; n = agnxtnode(g.get(), n))
      for (Agedge_t* e = agfstout(g.get(), n); e; e = agnxtout(g.get(), e)) {
        agxset(e, xlabel, agxget(e, label));
        agxset(e, label, mutable_text(""));
      }
  }
  if (layout != Layout::dot)
    agsafeset(g.get(), mutable_text("overlap"), mutable_text("prism"), mutable_text(""));
  const std::string engine(to_string(layout));
  if (gvLayout(gvc, g.get(), engine.c_str()) != 0)
    return unexpected(Error{"", 0, 0, fmt::format("Graphviz layout '{}' failed", engine)});
  char* data = nullptr;
  unsigned int length = 0;
  const int rc = gvRenderData(gvc, g.get(), renderer, &data, &length);
  std::string out;
  if (rc == 0 && data) out.assign(data, length);
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc, g.get());
  if (rc != 0)
    return unexpected(
        Error{"", 0, 0, fmt::format("Graphviz could not render {} with '{}'", renderer, engine)});
  return out;
}

}  // namespace diplograph::io
