import { CreateUserRequest } from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CreateUserDto extends createZodDto(CreateUserRequest) {}
export class UserIdParams extends createZodDto(z.object({ userId: z.string().uuid() })) {}
