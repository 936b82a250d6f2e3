# workerd's config for the support worker: one service, one HTTP socket.
# Serve:  npx workerd serve examples/runtimes/workerd/config.capnp
# Another address:  --socket-addr http=127.0.0.1:8787
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "support", worker = .supportWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8080", http = (), service = "support") ],
);

const supportWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "dist/worker.js") ],
  compatibilityDate = "2025-09-01",
);
