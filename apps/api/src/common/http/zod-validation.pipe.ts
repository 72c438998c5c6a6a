import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { RequestValidationError } from '../errors/domain-error';
import { toFieldIssues } from '../errors/zod-issues';

interface ZodDtoClass {
  schema: z.ZodType;
}

function isZodDto(metatype: unknown): metatype is ZodDtoClass {
  return (
    typeof metatype === 'function' &&
    'schema' in metatype &&
    typeof (metatype as { schema?: { safeParse?: unknown } }).schema?.safeParse === 'function'
  );
}

/**
 * Validates every body, query and param typed with a DTO made by `createZodDto` from the shared
 * contracts. A failure becomes a 400 listing each issue in zh-CN and en.
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!isZodDto(metadata.metatype)) return value;
    const result = metadata.metatype.schema.safeParse(value ?? {}, { reportInput: true });
    if (!result.success) throw new RequestValidationError(toFieldIssues(result.error));
    return result.data;
  }
}
