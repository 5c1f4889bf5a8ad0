// Inside a DyadGraph: the Boost.Graph CSR graph and the tables around it. Private to graph/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>

#include "diplograph/graph/queries.hpp"

namespace diplograph::graph {

struct EdgeIndex {
  std::uint32_t index = 0;  // into DyadGraph::Impl::edges
};

using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                               EdgeIndex, boost::no_property, std::uint32_t,
                                               std::uint32_t>;

struct DyadGraph::Impl {
  std::vector<std::string> names;     // per vertex, the actor id
  std::vector<Vertex> by_name;        // vertices sorted by name, for find()
  std::vector<ActorIndex> actor_of;   // vertex -> actor
  std::vector<Vertex> vertex_of;      // actor -> vertex
  std::vector<DyadEdge> edges;        // sorted by (source, target)
  Csr csr;

  void finish();  // builds by_name and csr from names and edges

  // Calls f(neighbour, edge index, forward) for every edge at v along `direction`.
  template <typename F>
  void for_each_step(Vertex v, Direction direction, F&& f) const {
    if (direction != Direction::in)
      for (auto e : boost::make_iterator_range(boost::out_edges(v, csr)))
        f(static_cast<Vertex>(boost::target(e, csr)), csr[e].index, true);
    if (direction != Direction::out)
      for (auto e : boost::make_iterator_range(boost::in_edges(v, csr)))
        f(static_cast<Vertex>(boost::source(e, csr)), csr[e].index, false);
  }
};

// boost::brandes_betweenness_centrality on the same graphs as betweenness(): kept as a second,
// independent implementation for the tests.
std::vector<double> betweenness_boost(const DyadGraph& dg, Direction direction);

}  // namespace diplograph::graph
