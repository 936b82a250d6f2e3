// The probe as a workerd worker: GET /probe?base=...&refused=... answers its JSON.
import { probe } from "./probe.mjs";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname !== "/probe") return new Response("not found\n", { status: 404 });
    const result = await probe({
      base: url.searchParams.get("base"),
      refused: url.searchParams.get("refused"),
    });
    return Response.json(result);
  },
};
