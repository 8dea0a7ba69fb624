//! Network analysis over the actor graph: centrality, communities, structural balance.
