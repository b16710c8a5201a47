package io.vruksha.retail.server.http;

/**
 * A request body of the engine's own records in their document form ({@code
 * io.vruksha.retail.json.DocumentJson}, as a till stores and sends them) rather than the API's:
 * read with that mapper, and described in the OpenAPI document as that form.
 */
public interface DocumentBody {}
