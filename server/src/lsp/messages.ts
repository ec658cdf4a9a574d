// The custom protocol's typed messages on the server's connection: handlers and sends keep the payload types that protocol.ts declares once.
//
// protocol.ts builds its RequestType/NotificationType constants with the client's copy of
// vscode-languageserver-protocol; the server's connection comes from vscode-languageserver, which
// pins its own copy. The two are the same at run time (a method name and a parameter count) but
// distinct classes for TypeScript, so the server hands the method over here and keeps the types.
import type { CancellationToken, Connection, Disposable, GenericRequestHandler, ResponseError } from 'vscode-languageserver';
import type { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

type Answer<R> = R | ResponseError<void> | PromiseLike<R | ResponseError<void>>;

/** Answer a request with parameters. */
export function onRequest<P, R>(connection: Connection, type: RequestType<P, R, void>, handler: (params: P, token: CancellationToken) => Answer<R>): Disposable {
  return connection.onRequest(type.method, ((params: P, token: CancellationToken) => handler(params, token)) as GenericRequestHandler<R, void>);
}

/** Answer a request without parameters (clients that send `{}` anyway are answered the same). */
export function onRequest0<R>(connection: Connection, type: RequestType0<R, void>, handler: (token: CancellationToken) => Answer<R>): Disposable {
  return connection.onRequest(type.method, ((...args: unknown[]) => handler(args[args.length - 1] as CancellationToken)) as GenericRequestHandler<R, void>);
}

export function onNotification<P>(connection: Connection, type: NotificationType<P>, handler: (params: P) => void): Disposable {
  return connection.onNotification(type.method, (params: P) => handler(params));
}

export function onNotification0(connection: Connection, type: NotificationType0, handler: () => void): Disposable {
  return connection.onNotification(type.method, () => handler());
}

export function sendNotification<P>(connection: Connection, type: NotificationType<P>, params: P): Promise<void> {
  return connection.sendNotification(type.method, params);
}

export function sendRequest<P, R>(connection: Connection, type: RequestType<P, R, void>, params: P): Promise<R> {
  return connection.sendRequest<R>(type.method, params);
}
