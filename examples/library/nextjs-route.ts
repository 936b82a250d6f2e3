// Next.js (app router): save as app/.well-known/matrix/support/route.ts.
import { support } from "./handler.js";

export { support as GET, support as HEAD, support as OPTIONS };
